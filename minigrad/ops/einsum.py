"""torch.einsum: sums of products written with subscripts, such as "ij,jk->ik".

Forward is ``np.einsum``. Backward is again an einsum: the gradient for one operand is the
incoming gradient times the other operands, summed down to that operand's subscripts.
The equation is checked here with PyTorch's messages, and each "..." is given letters of its
own, so ``Einsum`` itself only ever sees plain letters.
"""
import string

import numpy as np

from ..autograd import function as _function
from ..autograd.function import Function
from .linalg import _name

_LETTERS = string.ascii_uppercase + string.ascii_lowercase  # PyTorch's order (implicit output)
_ELLIPSIS = "."  # one character stands for "..." while parsing


class Einsum(Function):
    """Z = einsum(inputs -> output, *operands);
    grad of operand k = einsum(grad, the other operands -> inputs[k])"""

    node_name = "EinsumBackward0"

    @staticmethod
    def forward(ctx, inputs, output, *operands):
        ctx.inputs, ctx.output = inputs, output
        ctx.save_for_backward(*operands)
        equation = ",".join(inputs) + "->" + output
        result = np.einsum(equation, *[t._data for t in operands], optimize=True)
        # np.array copies: einsum may return a view of an input ("ij->ji", "ii->i").
        return np.array(result)

    @staticmethod
    def backward(ctx, grad):
        operands = ctx.saved_tensors
        grads = [_operand_grad(grad, ctx.inputs, ctx.output, operands, k) if needed else None
                 for k, needed in enumerate(ctx.needs_input_grad[2:])]
        return (None, None, *grads)


def _operand_grad(grad, inputs, output, operands, k):
    """The gradient for operand k: one einsum of grad with the other operands.

    Two kinds of subscript cannot be written as an einsum output directly:
    - a repeated one ("ii->i"): the gradient lies on the diagonal, so the second i becomes
      a fresh letter f and the identity matrix delta(i, f) joins the product;
    - one found nowhere else ("ij->i" for j): the sum over j broadcasts back, so a vector
      of ones over j joins the product.
    """
    terms = [output] + [s for j, s in enumerate(inputs) if j != k]
    factors = [grad] + [t for j, t in enumerate(operands) if j != k]
    fresh = iter([c for c in _LETTERS if c not in "".join(inputs)])
    sizes = dict(zip(inputs[k], operands[k].shape))
    target = ""
    for c in inputs[k]:
        if c in target:
            f = next(fresh)
            terms.append(c + f)
            factors.append(_constant(np.eye(sizes[c]), grad))
            target += f
        else:
            target += c
    for c in sorted(set(target) - set("".join(terms))):
        terms.append(c)
        factors.append(_constant(np.ones(sizes[c]), grad))
    return Einsum.apply(tuple(terms), target, *factors)


def _constant(array, like):
    """A constant (no-grad) tensor of ``like``'s dtype."""
    return _function.Tensor._make(array.astype(like._data.dtype))


def einsum(equation, operands):
    """torch.einsum after its argument handling (see minigrad.functional.einsum)."""
    for i, t in enumerate(operands):
        if not isinstance(t, _function.Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 1, "
                            f"but got {type(t).__name__}")
    inputs, output = _parse(equation, operands)
    inputs, output, ellipsis = _name_ellipsis(inputs, output, operands)
    sizes = _sizes(inputs, operands, ellipsis)
    for t in operands[1:]:
        if t._data.dtype != operands[0]._data.dtype:
            raise RuntimeError(f"expected scalar type {_name(operands[0]._data)} "
                               f"but found {_name(t._data)}")
    # A size-1 dimension broadcasts against the same subscript elsewhere, as in PyTorch.
    operands = [t.expand(*[sizes[c] for c in s]) if t.shape != tuple(sizes[c] for c in s)
                else t for s, t in zip(inputs, operands)]
    return Einsum.apply(tuple(inputs), output, *operands)


def _parse(equation, operands):
    """One subscript string per operand, and the output's, checked as PyTorch checks them
    ('.' stands for "...")."""
    lhs, arrow, rhs = equation.partition("->")
    inputs = [""]
    i = 0
    while i < len(lhs):
        c, op = lhs[i], len(inputs) - 1
        if c == ".":
            if _ELLIPSIS in inputs[-1]:
                raise RuntimeError(f"einsum(): found '.' for operand {op} for which an "
                                   "ellipsis was already found")
            if lhs[i:i + 3] != "...":
                raise RuntimeError(f"einsum(): found '.' for operand {op} that is not part "
                                   "of any ellipsis")
            inputs[-1] += _ELLIPSIS
            i += 2
        elif c == ",":
            if len(inputs) == len(operands):
                raise RuntimeError("einsum(): fewer operands were provided than specified "
                                   "in the equation")
            inputs.append("")
        elif c != " ":
            inputs[-1] += _letter(c, i)
        i += 1
    if len(inputs) < len(operands):
        raise RuntimeError("einsum(): more operands were provided than specified in the equation")
    for op, (s, t) in enumerate(zip(inputs, operands)):
        n = len(s.replace(_ELLIPSIS, ""))
        if _ELLIPSIS in s and n > t.ndim:
            raise RuntimeError(f"einsum(): the number of subscripts in the equation ({n}) is "
                               f"more than the number of dimensions ({t.ndim}) for operand {op}")
        if _ELLIPSIS not in s and n != t.ndim:
            raise RuntimeError(f"einsum(): the number of subscripts in the equation ({n}) does "
                               f"not match the number of dimensions ({t.ndim}) for operand "
                               f"{op} and no ellipsis was given")
    used = "".join(inputs)
    if not arrow:  # implicit mode: "..." first, then each subscript seen once, A-Z then a-z
        ellipsis = _ELLIPSIS if _ELLIPSIS in used else ""
        return inputs, ellipsis + "".join([c for c in _LETTERS if used.count(c) == 1])
    return inputs, _parse_output(rhs, len(lhs) + 2, used)


def _parse_output(rhs, start, used):
    """The output's subscripts ("->" then ``rhs``, which starts at index ``start``)."""
    output = ""
    i = 0
    while i < len(rhs):
        c = rhs[i]
        if c == ".":
            if _ELLIPSIS in output:
                raise RuntimeError("einsum(): found '.' for output but an ellipsis (...) was "
                                   "already found")
            if rhs[i:i + 3] != "...":
                raise RuntimeError("einsum(): found '.' for output that is not part of any "
                                   "ellipsis (...)")
            output += _ELLIPSIS
            i += 2
        elif c != " ":
            c = _letter(c, start + i)
            if c in output:
                raise RuntimeError(f"einsum(): output subscript {c} appears more than once "
                                   "in the output")
            if c not in used:
                raise RuntimeError(f"einsum(): output subscript {c} does not appear in the "
                                   "equation for any input operand")
            output += c
        i += 1
    return output


def _letter(c, index):
    if c not in _LETTERS:
        raise RuntimeError(f"einsum(): invalid subscript given at index {index} in the equation "
                           "string, subscripts must be in [a-zA-Z]")
    return c


def _name_ellipsis(inputs, output, operands):
    """Replace each "..." by unused letters, one per dimension it covers, aligned from the
    right as in broadcasting. Returns the new subscripts and the letters used for "..."."""
    counts = [t.ndim - len(s) + 1 for s, t in zip(inputs, operands) if _ELLIPSIS in s]
    free = [c for c in _LETTERS if c not in "".join(inputs)]
    if max(counts, default=0) > len(free):
        raise NotImplementedError("einsum(): minigrad names each dimension covered by an "
                                  "ellipsis (...) with an unused letter, and too few are left")
    ellipsis = "".join(free[:max(counts, default=0)])
    inputs = [s.replace(_ELLIPSIS, ellipsis[len(ellipsis) - (t.ndim - len(s) + 1):])
              for s, t in zip(inputs, operands)]
    return inputs, output.replace(_ELLIPSIS, ellipsis), ellipsis


def _sizes(inputs, operands, ellipsis):
    """The size of each subscript, checked as PyTorch does: equal within one operand,
    equal or 1 (broadcast) across operands."""
    sizes = {}
    for op, (s, t) in enumerate(zip(inputs, operands)):
        own = {}
        for c, n in zip(s, t.shape):
            if c in own and n != own[c]:
                raise RuntimeError(f"einsum(): subscript {c} is repeated for operand {op} but "
                                   f"the sizes don't match, {n} != {own[c]}")
            own[c] = n
        for c, n in own.items():
            seen = sizes.get(c, 1)
            if seen != 1 and n != 1 and n != seen:
                if c in ellipsis:  # PyTorch's message lacks the space before "has"
                    dim = [d for d in s if d in ellipsis].index(c)
                    raise RuntimeError(
                        f"einsum(): dimension {dim} covered by ellipsis in operand {op}has size "
                        f"{n} which does not broadcast with previously seen ellipsis with size "
                        f"{seen} for the respective dimension")
                raise RuntimeError(f"einsum(): subscript {c} has size {n} for operand {op} "
                                   f"which does not broadcast with previously seen size {seen}")
            if seen == 1:
                sizes[c] = n
    return sizes

"""gradcheck / gradgradcheck: compare autograd's gradients with finite differences.

For each input element x_i we nudge it by +-eps and measure how every output moves:
(f(x + eps) - f(x - eps)) / (2 eps) is column i of the numerical Jacobian. The analytical
Jacobian comes from backward, one output element at a time. Use float64 inputs: in float32
the rounding error of the difference swamps the derivative.
"""
import warnings

import numpy as np

from .. import tensor as _tensor  # a module reference: tensor.py imports autograd too


class GradcheckError(RuntimeError):
    """Raised by gradcheck when the gradients disagree (torch.autograd.gradcheck.GradcheckError)."""


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _differentiable(inputs):
    return [i for i, t in enumerate(inputs) if isinstance(t, _tensor.Tensor) and t.requires_grad]


def _outputs(func, inputs):
    return [o for o in _as_tuple(func(*inputs)) if isinstance(o, _tensor.Tensor)]


def numerical_jacobians(func, inputs, eps):
    """One Jacobian per (output, differentiable input) pair, by central differences."""
    outputs = _outputs(func, inputs)
    jacobians = {}
    for i in _differentiable(inputs):
        data = inputs[i]._data
        columns = []
        for k in range(data.size):
            flat = data.reshape(-1)  # a view: writing to it nudges the input itself
            original = flat[k].item()
            flat[k] = original + eps
            plus = [o._data.astype(np.float64).ravel().copy() for o in _outputs(func, inputs)]
            flat[k] = original - eps
            minus = [o._data.astype(np.float64).ravel().copy() for o in _outputs(func, inputs)]
            flat[k] = original
            columns.append([(p - m) / (2 * eps) for p, m in zip(plus, minus)])
        for j, out in enumerate(outputs):
            jac = np.zeros((data.size, out._data.size))
            for k, col in enumerate(columns):
                jac[k] = col[j]
            jacobians[(j, i)] = jac
    return jacobians


def analytical_jacobians(func, inputs):
    """The same Jacobians from autograd: backward from each output element in turn."""
    from . import grad

    outputs = _outputs(func, inputs)
    diff = _differentiable(inputs)
    jacobians = {}
    for j, out in enumerate(outputs):
        for i in diff:
            jacobians[(j, i)] = np.zeros((inputs[i]._data.size, out._data.size))
        if not out.requires_grad:
            continue
        for m in range(out._data.size):
            seed = np.zeros(out._data.size, dtype=out._data.dtype)
            seed[m] = 1
            grads = grad(out, [inputs[i] for i in diff],
                         _tensor.Tensor._make(seed.reshape(out._data.shape)),
                         retain_graph=True, allow_unused=True)
            for i, g in zip(diff, grads):
                if g is not None:
                    jacobians[(j, i)][:, m] = g._data.astype(np.float64).ravel()
    return jacobians


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **kwargs):
    """Check ``func``'s autograd gradients against finite differences (torch.autograd.gradcheck).

    Returns True when every Jacobian matches within ``atol + rtol * |numerical|``; otherwise
    raises GradcheckError showing both (or returns False if ``raise_exception=False``).
    """
    inputs = _as_tuple(inputs)
    for i in _differentiable(inputs):
        if inputs[i]._data.dtype != np.float64:
            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point or "
                "complex. This check will likely fail if all the inputs are not of double "
                "precision floating point or complex. ",
                UserWarning,
                stacklevel=2,
            )
    numerical = numerical_jacobians(func, inputs, eps)
    analytical = analytical_jacobians(func, inputs)
    for (j, i), num in numerical.items():
        ana = analytical[(j, i)]
        if not np.allclose(ana, num, rtol=rtol, atol=atol):
            if not raise_exception:
                return False
            raise GradcheckError(
                f"Jacobian mismatch for output {j} with respect to input {i},\n"
                f"numerical:{_fmt(num)}\nanalytical:{_fmt(ana)}\n"
            )
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3,
                  raise_exception=True, **kwargs):
    """Check second derivatives: gradcheck of the function that returns ``func``'s gradients
    (computed with create_graph=True) for random ``grad_outputs`` (torch.autograd.gradgradcheck)."""
    from . import grad

    inputs = _as_tuple(inputs)
    outputs = _outputs(func, inputs)
    if grad_outputs is None:
        rng = np.random.default_rng(0)
        grad_outputs = tuple([
            _tensor.Tensor._make(rng.standard_normal(o._data.shape).astype(o._data.dtype), True)
            for o in outputs
        ])
    grad_outputs = _as_tuple(grad_outputs)
    n = len(inputs)
    diff = _differentiable(inputs)

    def first_derivatives(*args):
        xs, vs = args[:n], args[n:]
        outs = [o for o in _outputs(func, xs) if o.requires_grad]
        grads = grad(outs, [xs[i] for i in diff], vs[:len(outs)], create_graph=True,
                     allow_unused=True)
        return tuple([g for g in grads if g is not None])

    return gradcheck(first_derivatives, inputs + grad_outputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception)


def _fmt(matrix):
    return repr(_tensor.Tensor._make(matrix))

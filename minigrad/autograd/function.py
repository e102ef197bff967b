"""autograd.Function, and the nodes of the backward graph (the objects ``grad_fn`` points to).

Every op in minigrad, built-in or written by a student, is a ``Function`` subclass:

    class Exp(Function):
        @staticmethod
        def forward(ctx, x):                  # numpy in, numpy (or Tensor) out
            ctx.save_for_backward(x)
            return np.exp(x._data)

        @staticmethod
        def backward(ctx, grad):              # Tensors in, Tensors out
            (x,) = ctx.saved_tensors
            return grad * x.exp()

``Exp.apply(x)`` runs ``forward`` and, when ``x`` requires grad, links a node of class
``ExpBackward`` into the graph. That node *is* the ``ctx`` that forward saw, so whatever forward
saved is there when the engine calls ``backward``. Because ``backward`` uses minigrad ops, running
it with grad mode on records the backward pass too: that is ``create_graph=True``.
"""
import itertools
import re
import weakref

from numpy import ndarray as _ndarray

from .grad_mode import _GradMode

_ERR_FREED = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)

# Set by minigrad/tensor.py once the Tensor class exists (tensor.py itself imports this module).
Tensor = None

# Nodes created later run first when several are ready, as in PyTorch's engine.
_sequence_numbers = itertools.count()


class Node:
    """A node of the backward graph (torch.autograd.graph.Node).

    ``next_functions`` holds one ``(node, 0)`` pair per input: the node that receives the
    gradient for that input, or ``(None, 0)`` when the input needs no gradient.
    """

    _is_builtin = True
    _forward_cls = None  # the Function whose backward this node runs (None for AccumulateGrad)
    _sequence_nr = float("inf")  # AccumulateGrad runs as soon as it is ready, as in PyTorch
    # One (node, shape, dtype) triple per tensor input: the node that receives the gradient for
    # that input (None if it needs none), and the shape and dtype that gradient must have.
    _edges = ()
    _retained = None  # weak reference to the output tensor whose .grad should be kept
    # Hooks: empty tuples until one is registered (checking them then costs almost nothing).
    _tensor_hooks = _pre_hooks = _post_hooks = ()
    # True once a hook or retain_grad() is registered on the node (or on its output tensor):
    # the engine then gives the node Tensors, never its numpy formula (a quicker test than
    # looking at each kind of hook).
    _observed = False

    def name(self):
        """The node's PyTorch name, e.g. ``'MulBackward0'``."""
        return type(self).__name__

    def __repr__(self):
        if self._is_builtin:
            return f"<{type(self).__name__} object at {hex(id(self))}>"
        return f"<{type(self).__module__}.{type(self).__name__} object at {hex(id(self))}>"

    @property
    def next_functions(self):
        return tuple([(node, 0) for node, _, _ in self._edges])

    @property
    def metadata(self):
        if "_metadata" not in self.__dict__:
            self._metadata = {}
        return self._metadata

    def register_hook(self, fn):
        """Call ``fn(grad_inputs, grad_outputs)`` after this node runs; it may return new grad_inputs."""
        if not self._post_hooks:
            self._post_hooks = []
        self._observed = True
        return _add_hook(self._post_hooks, fn)

    def register_prehook(self, fn):
        """Call ``fn(grad_outputs)`` before this node runs; it may return new grad_outputs."""
        if not self._pre_hooks:
            self._pre_hooks = []
        self._observed = True
        return _add_hook(self._pre_hooks, fn)


class RemovableHandle:
    """Returned by ``register_hook``: call ``remove()`` to unregister the hook."""

    def __init__(self, hooks, fn):
        self._hooks, self._fn = hooks, fn

    def remove(self):
        if self._fn in self._hooks:
            self._hooks.remove(self._fn)


def _add_hook(hooks, fn):
    hooks.append(fn)
    return RemovableHandle(hooks, fn)


class BackwardNode(Node):
    """The node (and ``ctx``) of one ``Function.apply`` call: ``AddBackward0``, ``MulBackward0``..."""

    _saved = ()
    _tensor_positions = None  # positions of Tensor arguments, when some arguments are not tensors
    # True when an input's dtype differs from the output's (float32 * float64): the numpy
    # formulas of ops/fast_backward.py assume one dtype, so the op's own backward runs.
    _mixed_dtypes = False

    # -- the ctx API that forward and backward use ------------------------------------------
    def save_for_backward(self, *tensors):
        """Keep tensors for backward; read them back with ``ctx.saved_tensors``."""
        self._saved = tensors

    @property
    def saved_tensors(self):
        """The tensors given to ``save_for_backward``, checked to be unmodified since."""
        if self._saved is None:
            raise RuntimeError(_ERR_FREED)
        return tuple([_unpack(saved, self) if saved is not None else None for saved in self._saved])

    def mark_dirty(self, *tensors):
        """Accepted for compatibility with PyTorch; minigrad's in-place ops bump versions themselves."""

    def mark_non_differentiable(self, *tensors):
        """Accepted for compatibility with PyTorch."""

    def set_materialize_grads(self, value):
        """Accepted for compatibility with PyTorch."""

    # -- the graph API ----------------------------------------------------------------------
    def __call__(self, *grads):
        """Run this node's backward on ``grads`` by hand, as the engine would (seed 000 does this)."""
        result = self._apply(grads)
        # Inputs that need no gradient get None, as the engine would skip them.
        result = tuple([g if node is not None else None
                        for g, (node, _, _) in zip(result, self._edges)])
        return result if len(result) != 1 else result[0]

    def _apply(self, grads):
        """The gradients for the tensor inputs, one per entry of next_functions."""
        result = type(self)._forward_cls.backward(self, *grads)
        if not isinstance(result, tuple):
            result = (result,)
        positions = self._tensor_positions
        expected = positions[-1] if positions else len(self._edges)
        if len(result) != expected:
            raise RuntimeError(
                f"function {self.name()} returned an incorrect number of gradients "
                f"(expected {expected}, got {len(result)})"
            )
        return tuple([result[i] for i in positions[:-1]]) if positions else result

    def _release(self):
        """Free the saved tensors once backward has used them (unless retain_graph)."""
        self._saved = None


def _saved(tensor, is_output=False):
    """What save_for_backward keeps: the tensor, the version it had then, and whether it is the
    node's own output."""
    return (tensor, tensor._version_counter[0], is_output)


def _unpack(saved, node):
    """A saved tensor, checked not to have been modified in place since it was saved."""
    tensor, version, is_output = saved
    if tensor._version_counter[0] != version:
        grad_fn = node if is_output else tensor.grad_fn
        op = re.sub(r"Backward\d*$", "", grad_fn.name()) if grad_fn is not None else ""
        where = f", which is output 0 of {op}," if grad_fn is not None else ""
        raise RuntimeError(
            "one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: [torch.{tensor.dtype._legacy_name} {list(tensor.shape)}]{where} "
            f"is at version {tensor._version_counter[0]}; expected version {version} "
            "instead. Hint: enable anomaly detection to find the operation that failed to "
            "compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
        )
    if is_output:
        # Saved outputs are kept without their grad_fn (that would be a reference cycle:
        # output -> node -> output); give it back while the node is alive.
        return Tensor._make(tensor._data, True, node, tensor._version_counter)
    return tensor


class AccumulateGrad(Node):
    """The node at a leaf: adds the incoming gradient into ``variable.grad``."""

    def __init__(self, variable):
        self.variable = variable

    def name(self):
        return "torch::autograd::AccumulateGrad"

    def __repr__(self):
        return f"<AccumulateGrad object at {hex(id(self))}>"

    def __call__(self, grad):
        self._accumulate(grad, create_graph=_GradMode.enabled)
        return ()

    def _hooked(self, grad):
        """The gradient after the leaf's tensor hooks (``register_hook``) have seen it."""
        for hook in self.variable._backward_hooks:
            new = hook(grad)
            if new is not None:
                grad = new
        return grad

    def _accumulate(self, grad, create_graph):
        variable = self.variable
        if variable._backward_hooks:
            grad = self._hooked(grad)
        # ``_grad``, not the ``grad`` property: the engine knows the shapes already match.
        current = variable._grad
        if current is None:
            # Keep a copy: the engine may reuse the incoming array elsewhere. (A C-ordered one,
            # like the parameter, even when the gradient arrives transposed.)
            if create_graph and grad._requires_grad:
                variable._grad = _CopyGrad.apply(grad)
            else:
                variable._grad = Tensor._make(grad._data.copy(), False, None)
        elif create_graph or current._requires_grad:
            variable._grad = current + grad
        else:
            current._data += grad._data  # in place, like PyTorch: views of .grad see it
        if variable._post_accumulate_grad_hooks:
            self._post_accumulate(variable)

    @staticmethod
    def _post_accumulate(variable):
        """Run the leaf's ``register_post_accumulate_grad_hook`` hooks, now that .grad is set."""
        for hook in list(variable._post_accumulate_grad_hooks):
            result = hook(variable)
            if result is None:
                continue
            if not isinstance(result, Tensor):
                raise TypeError(f"expected Variable, but hook returned '{type(result).__name__}'")
            raise RuntimeError("Tensor post accumulate grad hooks should return None.")


def accumulator_of(leaf):
    """The leaf's AccumulateGrad node, created on first use and shared while the graph lives.

    The leaf holds it weakly (the node holds the leaf strongly): no reference cycle.
    """
    node = leaf._accumulator() if leaf._accumulator is not None else None
    if node is None:
        node = AccumulateGrad(leaf)
        leaf._accumulator = weakref.ref(node)
    return node


class Function:
    """Base class for an op with a forward and a backward (torch.autograd.Function).

    Subclasses define ``forward(ctx, *args)`` and ``backward(ctx, *grads)`` as static methods
    and are called through ``apply``. ``node_name`` sets the name of the graph node
    (default: the class name + ``'Backward'``, as PyTorch names custom Functions).
    """

    node_name = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("node_name") or f"{cls.__name__}Backward"
        attrs = {"_forward_cls": cls, "__module__": cls.__module__, "__qualname__": name,
                 "_is_builtin": cls.__module__.startswith("minigrad.")}
        if cls.__dict__.get("cpp_name"):
            attrs["name"] = lambda self, _n=cls.cpp_name: _n
        cls._backward_cls = type(name, (BackwardNode,), attrs)

    @staticmethod
    def forward(ctx, *args):
        raise NotImplementedError(
            "You must implement the forward function for custom autograd.Function."
        )

    @staticmethod
    def backward(ctx, *grads):
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom "
            "autograd.Function to use it with backward mode AD."
        )

    @classmethod
    def apply(cls, *args):
        """Run forward on ``args`` and, if any input requires grad, record a node for backward."""
        ctx = cls._backward_cls()
        ctx.needs_input_grad = needs = tuple([isinstance(a, Tensor) and a._requires_grad
                                              for a in args])
        if not _GradMode.enabled or True not in needs:  # nothing to record
            out = cls.forward(ctx, *args)
            return Tensor._make(out if type(out) is _ndarray else _array_of(out))
        _GradMode.enabled = False  # forward runs with grad mode off: ops it uses are not recorded
        try:
            out = cls.forward(ctx, *args)
        finally:
            _GradMode.enabled = True
        result = Tensor._make(out if type(out) is _ndarray else _array_of(out), True, ctx)
        _link(ctx, args, out, result)
        return result


def _array_of(out):
    """What forward returned (a numpy array, a numpy scalar or a Tensor), for Tensor._make."""
    return out._data if isinstance(out, Tensor) else out


def _link(ctx, args, out, result):
    """Connect a new node to the nodes of its inputs, and wrap what forward saved.

    Forward may save its own output (what it returns: an array or a Tensor), as ExpBackward0
    does; it is kept as an alias without grad_fn so that the output and its node do not refer
    to each other (no reference cycle, so memory is freed without the garbage collector).
    """
    ctx._sequence_nr = next(_sequence_numbers)
    edges = []
    out_dtype = result._data.dtype
    for a in args:
        if isinstance(a, Tensor):
            node = (a.grad_fn or accumulator_of(a)) if a._requires_grad else None
            dtype = a._data.dtype
            edges.append((node, a._data.shape, dtype))
            if dtype != out_dtype:
                ctx._mixed_dtypes = True
    ctx._edges = tuple(edges)
    if len(edges) != len(args):
        ctx._tensor_positions = tuple([
            i for i, a in enumerate(args) if isinstance(a, Tensor)]) + (len(args),)
    saved = ctx._saved
    if saved:
        ctx._saved = tuple([
            None if t is None
            else _saved(Tensor._make(result._data, False, None, result._version_counter), True)
            if t is out else (t, t._version_counter[0], False)
            for t in saved
        ])


class _CopyGrad(Function):
    """The copy AccumulateGrad stores in ``.grad`` under create_graph (PyTorch's CopyBackwards)."""

    node_name = "CopyBackwards"

    @staticmethod
    def forward(ctx, grad):
        return grad._data.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad

"""Tensor: a numpy array plus what autograd needs (requires_grad, grad, grad_fn).

The values live in ``self._data``, a numpy array. ``.numpy()`` returns that very array, so
writing to it changes the tensor (as in PyTorch). The operators (``x + y``, ``x *= 2``...) are
in ``tensor_math.py``, the math functions (``x.exp()``...) in ``tensor_functions.py``, the
reductions (``x.sum()``...) in ``tensor_reductions.py``, the shape/dtype methods in
``tensor_shape.py``, indexing in ``tensor_indexing.py``, and the in-place machinery in
``tensor_inplace.py`` (more in ``tensor_*_more.py`` and ``tensor_sorting.py``); each method
calls one op from ``minigrad/ops``.
"""
import warnings

import numpy as np

from . import _dtype
from ._tensor_str import tensor_repr
from .tensor_inplace import TensorInplace, _type_name  # (first: it loads autograd, which ops need)

from .tensor_functions import TensorFunctions
from .tensor_indexing import TensorIndexing
from .tensor_math import TensorMath
from .tensor_math_more import TensorMathMore
from .tensor_reductions import TensorReductions
from .tensor_shape import TensorShape, _axis_alias
from .tensor_shape_more import TensorShapeMore
from .tensor_sorting import TensorSorting


class Size(tuple):
    """A tensor's shape (torch.Size): a tuple that prints as ``torch.Size([2, 3])``."""

    def __repr__(self):
        return f"torch.Size({list(self)})"

    # Slicing, + and * of a tuple give a plain tuple; PyTorch gives a Size again.
    def __getitem__(self, index):
        result = tuple.__getitem__(self, index)
        return Size(result) if isinstance(index, slice) else result

    def __add__(self, other):
        if not isinstance(other, tuple):
            raise TypeError(
                f"can only concatenate tuple (not {type(other).__name__}) to torch.Size"
            )
        return Size(tuple.__add__(self, other))

    def __radd__(self, other):
        if not isinstance(other, tuple):
            return NotImplemented
        return Size(tuple.__add__(other, self))

    def __mul__(self, n):
        return Size(tuple.__mul__(self, n))

    __rmul__ = __mul__

    def numel(self):
        """The number of elements a tensor of this shape holds."""
        return int(np.prod(self, dtype=np.int64))


class device:
    """Where a tensor lives (torch.device). minigrad only has the CPU."""

    def __init__(self, type="cpu"):
        if str(type) != "cpu":
            raise RuntimeError(f"minigrad only supports the CPU, not {type!r}")
        self.type = "cpu"

    def __repr__(self):
        return "device(type='cpu')"

    def __str__(self):
        return "cpu"

    def __eq__(self, other):
        return str(other) == "cpu"

    __hash__ = object.__hash__


_CPU = device()


class Tensor(TensorMath, TensorFunctions, TensorReductions, TensorShape, TensorIndexing,
             TensorMathMore, TensorShapeMore, TensorSorting, TensorInplace):
    """A multi-dimensional array that can record the operations applied to it (torch.Tensor).

    Create tensors with ``minigrad.tensor(data)`` or the factory functions (``zeros``,
    ``randn``, ...). A tensor with ``requires_grad=True`` becomes part of the autograd graph:
    every result computed from it carries a ``grad_fn`` node, and ``backward()`` fills ``.grad``
    of the leaves.
    """

    # Defaults as class attributes: most tensors never set these, which keeps creation cheap.
    grad_fn = None
    _grad = None
    _accumulator = None  # weak reference to this leaf's AccumulateGrad node
    _backward_hooks = ()
    _post_accumulate_grad_hooks = ()
    _retains_grad = False
    _wrapped_number = False  # a Python number wrapped as a tensor: weakest in type promotion
    # Views (set by ops.shape.ViewFunction): the tensor owning the memory, the (op, args) steps
    # that take this view of it, and, on a base, its live views.
    _base = None
    _view_ops = ()
    _views = None
    __array_priority__ = 1000  # numpy_array * tensor -> Tensor.__rmul__, as with PyTorch

    def __init__(self, *args, **kwargs):
        raise TypeError("create tensors with minigrad.tensor(data), zeros(), ones(), randn(), ...")

    @classmethod
    def _make(cls, array, requires_grad=False, grad_fn=None, version_counter=None):
        """Wrap a numpy array without copying it (the fast path every op uses)."""
        if type(array) is not np.ndarray:  # numpy gives 0-d results as scalars (np.float32)
            array = np.asarray(array)
        t = object.__new__(cls)
        t._data = array
        t._requires_grad = requires_grad
        if grad_fn is not None:
            t.grad_fn = grad_fn
        # Tensors sharing memory (detach, .data, views) share one version counter.
        t._version_counter = version_counter if version_counter is not None else [0]
        return t

    # -- autograd attributes -----------------------------------------------------------------
    @property
    def requires_grad(self):
        """True if operations on this tensor are recorded for autograd."""
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        if self.grad_fn is not None:
            message = "you can only change requires_grad flags of leaf variables."
            if not value:
                message += (
                    " If you want to use a computed variable in a subgraph that doesn't require "
                    "differentiation use var_no_grad = var.detach()."
                )
            raise RuntimeError(message)
        if value and not self.dtype.is_floating_point:
            raise RuntimeError(
                "only Tensors of floating point and complex dtype can require gradients"
            )
        self._requires_grad = bool(value)

    def requires_grad_(self, requires_grad=True):
        """Set ``requires_grad`` in place and return self (Tensor.requires_grad_).

        On a non-leaf, ``requires_grad_(True)`` is a no-op (it already requires grad)."""
        if requires_grad and self.grad_fn is not None:
            return self
        if requires_grad and not self.dtype.is_floating_point:  # PyTorch's text differs here
            raise RuntimeError("only Tensors of floating point dtype can require gradients")
        self.requires_grad = requires_grad
        return self

    @property
    def is_leaf(self):
        """True for tensors not produced by a recorded op: user-created or requires_grad=False."""
        return self.grad_fn is None

    @property
    def grad(self):
        """The gradient accumulated by backward() (None until then; None for non-leaves
        unless retain_grad() was called)."""
        if self.grad_fn is not None and not self._retains_grad and self._grad is None:
            warnings.warn(
                "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its "
                ".grad attribute won't be populated during autograd.backward(). If you indeed "
                "want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on "
                "the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you "
                "access the leaf Tensor instead.",
                UserWarning,
                stacklevel=2,
            )
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            _check_grad(self, value)
        self._grad = value

    @property
    def retains_grad(self):
        """True if retain_grad() was called on this non-leaf tensor."""
        return self._retains_grad

    def retain_grad(self):
        """Keep ``.grad`` for this non-leaf tensor during backward (Tensor.retain_grad)."""
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self.grad_fn is None or self._retains_grad:
            return
        import weakref

        self.grad_fn._retained = weakref.ref(self)
        self.grad_fn._observed = True
        self._retains_grad = True

    def register_hook(self, hook):
        """Call ``hook(grad)`` when this tensor's gradient is computed; a returned tensor
        replaces the gradient (Tensor.register_hook). Returns a handle with ``remove()``."""
        from .autograd.function import RemovableHandle

        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is not None:
            if not self.grad_fn._tensor_hooks:
                self.grad_fn._tensor_hooks = []
            self.grad_fn._observed = True
            hooks = self.grad_fn._tensor_hooks
        else:
            if not isinstance(self._backward_hooks, list):
                self._backward_hooks = []
            hooks = self._backward_hooks
        hooks.append(hook)
        return RemovableHandle(hooks, hook)

    def register_post_accumulate_grad_hook(self, hook):
        """Call ``hook(tensor)`` each time backward has added into this leaf's ``.grad``
        (Tensor.register_post_accumulate_grad_hook); the hook returns None. Leaves only, e.g.
        to take an optimizer step as soon as a parameter's gradient is ready. Returns a handle
        with ``remove()``."""
        from .autograd.function import RemovableHandle

        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
        if self.grad_fn is not None:
            raise RuntimeError(
                "post accumulate grad hooks cannot be registered on non-leaf tensors"
            )
        if not isinstance(self._post_accumulate_grad_hooks, list):
            self._post_accumulate_grad_hooks = []
        self._post_accumulate_grad_hooks.append(hook)
        return RemovableHandle(self._post_accumulate_grad_hooks, hook)

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        """Compute the gradient of this tensor w.r.t. the graph leaves (Tensor.backward).

        Gradients are *added* into the leaves' ``.grad``. ``gradient`` is required unless this
        tensor has one element; the graph's saved tensors are freed unless ``retain_graph``.
        """
        _autograd_backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    def detach(self):
        """A tensor sharing this one's data, cut from the graph (requires_grad=False)."""
        return Tensor._make(self._data, False, None, self._version_counter)

    def detach_(self):
        """Cut this tensor from the graph in place."""
        self.grad_fn = None
        self._requires_grad = False
        return self

    @property
    def data(self):
        """This tensor's values as a tensor outside the graph (shares memory)."""
        return self.detach()

    @data.setter
    def data(self, value):
        self._data = value._data

    @property
    def _version(self):
        return self._version_counter[0]

    # -- metadata ----------------------------------------------------------------------------
    @property
    def dtype(self):
        return _dtype._FROM_NUMPY[self._data.dtype]

    @property
    def shape(self):
        return Size(self._data.shape)

    @_axis_alias  # x.size(axis=0) too, as PyTorch
    def size(self, dim=None):
        """The shape, or the size of one dimension (Tensor.size)."""
        if dim is None:
            return self.shape
        if self._data.ndim == 0:
            raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")
        return self._data.shape[self._dim(dim)]

    def dim(self):
        """The number of dimensions."""
        return self._data.ndim

    ndim = property(dim)

    def numel(self):
        """The number of elements."""
        return self._data.size

    nelement = numel

    def stride(self, dim=None):
        """How many elements apart in memory neighbours are along each dimension
        (Tensor.stride): ``(3, 1)`` for a contiguous 2x3 tensor, ``(1, 3)`` for its ``t()``,
        0 along a dimension that ``expand`` repeats. With ``dim``, the stride of that dimension.
        """
        strides = _strides(self._data)
        if dim is None:
            return strides
        if self._data.ndim == 0:
            raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")
        return strides[self._dim(dim)]

    def storage_offset(self):
        """Where this tensor's first element is in the memory it shares with its base, counted
        in elements (Tensor.storage_offset): ``x[2:]`` of a 1-d ``x`` starts at 2."""
        start = _memory_owner(self._data).ctypes.data
        return (self._data.ctypes.data - start) // self._data.itemsize

    def data_ptr(self):
        """The memory address of the first element, as an int (Tensor.data_ptr): views of one
        tensor differ by ``storage_offset() * element_size()``. 0 for a tensor without elements."""
        return self._data.ctypes.data if self._data.size else 0

    @property
    def layout(self):
        """How the elements are stored (Tensor.layout): always ``torch.strided``, one block of
        memory walked with strides."""
        return strided

    def element_size(self):
        return self._data.itemsize

    def is_floating_point(self):
        return self.dtype.is_floating_point

    @property
    def device(self):
        return _CPU

    @property
    def is_cuda(self):
        return False

    @property
    def _promotion_rank(self):
        """2 for tensors with dimensions, 1 for 0-dim tensors, 0 for wrapped Python numbers."""
        if self._wrapped_number:
            return 0
        return 2 if self._data.ndim else 1

    def _dim(self, dim):
        """Normalise a possibly negative dim, with PyTorch's IndexError when out of range."""
        ndim = max(self._data.ndim, 1)
        try:
            in_range = -ndim <= dim < ndim
        except TypeError:  # e.g. a tuple where one dim is expected
            raise TypeError(f"argument 'dim' must be int, not {type(dim).__name__}") from None
        if not in_range:
            raise IndexError(
                f"Dimension out of range (expected to be in range of [{-ndim}, {ndim - 1}], "
                f"but got {dim})"
            )
        return dim % ndim

    # -- conversion --------------------------------------------------------------------------
    def numpy(self, *, force=False):
        """The numpy array holding this tensor's values: shared memory, no copy.

        A tensor that requires grad refuses, unless ``force=True`` (then it is as
        ``tensor.detach().numpy()``: the same memory, outside the graph)."""
        if self._requires_grad and not force:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() "
                "instead."
            )
        return self._data

    def __array__(self, dtype=None, copy=None):
        array = self.numpy()
        return array if dtype is None else array.astype(dtype)

    def item(self):
        """The value of a one-element tensor as a Python number."""
        if self._data.size != 1:
            raise RuntimeError(
                f"a Tensor with {self._data.size} elements cannot be converted to Scalar"
            )
        return self._data.reshape(()).item()

    def tolist(self):
        """The values as (nested) Python lists."""
        return self._data.tolist()

    def _scalar(self):
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.reshape(()).item()

    def __float__(self):
        self._warn_if_requires_grad()
        return float(self._scalar())

    def __int__(self):
        self._warn_if_requires_grad()
        return int(self._scalar())

    def _warn_if_requires_grad(self):
        if self._requires_grad:
            warnings.warn(
                "Converting a tensor with requires_grad=True to a scalar may lead to unexpected "
                "behavior.\nConsider using tensor.detach() first.",
                UserWarning,
                stacklevel=3,
            )

    def __index__(self):
        if self.dtype.is_floating_point or self._data.size != 1:
            raise TypeError(
                "only integer tensors of a single element can be converted to an index"
            )
        return int(self._scalar())

    def __bool__(self):
        if self._data.size != 1:
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self._scalar())

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._data.shape[0]))

    def __repr__(self):
        return tensor_repr(self)

    def __format__(self, spec):
        if self._data.ndim == 0:
            return self.item().__format__(spec)
        return object.__format__(self, spec) if spec else repr(self)

    __hash__ = object.__hash__

    def __reduce_ex__(self, protocol):
        return (_rebuild, (self._data, self._requires_grad))

    def __deepcopy__(self, memo):
        if not self.is_leaf:
            raise RuntimeError(
                "Only Tensors created explicitly by the user (graph leaves) support the "
                "deepcopy protocol at the moment."
            )
        copy = Tensor._make(self._data.copy(), self._requires_grad)
        copy.__class__ = type(self)
        if self._grad is not None:
            copy._grad = Tensor._make(self._grad._data.copy())
        memo[id(self)] = copy
        return copy


class layout:
    """How a tensor's elements are stored (torch.layout). minigrad has only ``torch.strided``."""

    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return f"torch.{self._name}"


strided = layout("strided")


def _strides(array):
    """The strides, in elements, that PyTorch gives a tensor with this array's memory layout."""
    if array.flags.c_contiguous:  # numpy and PyTorch may differ on dimensions of size 0 and 1
        strides, step = [], 1
        for size in reversed(array.shape):
            strides.append(step)
            step *= max(size, 1)
        return tuple(reversed(strides))
    strides = [s // array.itemsize for s in array.strides]
    # numpy gives a dimension added by indexing with None a stride of 0; PyTorch's unsqueeze
    # gives it the size * stride of the next dimension (1 at the end).
    for d in reversed(range(array.ndim)):
        if array.shape[d] == 1 and strides[d] == 0:
            strides[d] = array.shape[d + 1] * strides[d + 1] if d + 1 < array.ndim else 1
    return tuple(strides)


def _memory_owner(array):
    """The numpy array that owns the memory this array looks into (itself if it is not a view)."""
    while isinstance(array.base, np.ndarray):
        array = array.base
    return array


# The C++ names of the element types, which PyTorch's message about a gradient's dtype prints.
_CPP_TYPE_NAMES = {
    np.dtype(np.float64): "double", np.dtype(np.float32): "float",
    np.dtype(np.float16): "c10::Half", np.dtype(np.int64): "long int",
    np.dtype(np.int32): "int", np.dtype(np.int16): "short int",
    np.dtype(np.int8): "signed char", np.dtype(np.uint8): "unsigned char",
    np.dtype(np.bool_): "bool",
}


def _check_grad(t, grad):
    """PyTorch's errors for ``t.grad = grad``: the gradient must be a tensor with t's dtype
    and size."""
    if not isinstance(grad, Tensor):
        raise TypeError(
            f"assigned grad expected to be a Tensor or None but got grad of type "
            f"{type(grad).__name__}"
        )
    if grad._data.dtype != t._data.dtype:
        raise RuntimeError(
            f"attempting to assign a gradient with dtype '{_CPP_TYPE_NAMES[grad._data.dtype]}' "
            f"to a tensor with grad_dtype '{_type_name(t)}'. The gradient must match the "
            "tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's "
            "grad_dtype attribute with a specific dtype, or None to allow any dtype. Set "
            "grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may "
            "break downstream systems that assume they match."
        )
    if grad._data.shape != t._data.shape:
        raise RuntimeError(
            f"attempting to assign a gradient of size '{list(grad.shape)}' to a tensor of size "
            f"'{list(t.shape)}'. Please ensure that the gradient and the tensor are the same size"
        )


def _rebuild(array, requires_grad):
    return Tensor._make(array, requires_grad)


# The autograd modules are imported before Tensor exists (tensor_math -> ops -> autograd), so
# they receive the class here instead of importing it; so does the in-place mixin.
from . import tensor_inplace as _tensor_inplace  # noqa: E402
from .autograd import engine as _engine, function as _function  # noqa: E402
from .autograd import backward as _autograd_backward  # noqa: E402

_engine.Tensor = _function.Tensor = _tensor_inplace.Tensor = Tensor

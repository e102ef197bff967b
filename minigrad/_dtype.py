"""dtypes: PyTorch's names on top of numpy's dtypes, and PyTorch's type-promotion rules."""
import numpy as np


class dtype:
    """A tensor element type (torch.dtype). Prints as PyTorch does: ``torch.float32``."""

    def __init__(self, name, np_dtype, legacy_name):
        self._name = name
        self._np = np.dtype(np_dtype)
        self._legacy_name = legacy_name  # used in error messages: "torch.FloatTensor"
        self.is_floating_point = self._np.kind == "f"
        self.is_complex = False
        self.is_signed = self._np.kind in "if"
        self.itemsize = self._np.itemsize

    def __repr__(self):
        return f"torch.{self._name}"

    def __reduce__(self):
        return self._name


float16 = half = dtype("float16", np.float16, "HalfTensor")
float32 = float = dtype("float32", np.float32, "FloatTensor")
float64 = double = dtype("float64", np.float64, "DoubleTensor")
uint8 = dtype("uint8", np.uint8, "ByteTensor")
int8 = dtype("int8", np.int8, "CharTensor")
int16 = short = dtype("int16", np.int16, "ShortTensor")
int32 = int = dtype("int32", np.int32, "IntTensor")
int64 = long = dtype("int64", np.int64, "LongTensor")
bool = dtype("bool", np.bool_, "BoolTensor")

_ALL = (float16, float32, float64, uint8, int8, int16, int32, int64, bool)
_FROM_NUMPY = {d._np: d for d in _ALL}

_default_float = float32


def get_default_dtype():
    """The dtype Python floats become (torch.get_default_dtype); float32 unless changed."""
    return _default_float


def set_default_dtype(d):
    """Change the dtype Python floats become (torch.set_default_dtype): float32 or float64."""
    global _default_float
    if not isinstance(d, dtype):
        raise TypeError("invalid dtype object: only floating-point types are supported as the "
                        "default type")
    if not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _default_float = d


def from_numpy_dtype(np_dtype):
    """The minigrad dtype for a numpy dtype, or a TypeError naming the unsupported type."""
    try:
        return _FROM_NUMPY[np.dtype(np_dtype)]
    except KeyError:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{np.dtype(np_dtype).name}. The only supported "
            "types are: float64, float32, float16, complex64, complex128, int64, int32, int16, "
            "int8, uint64, uint32, uint16, uint8, and bool."
        ) from None


def _category(np_dtype):
    """0 for bool, 1 for integers, 2 for floating point: the order promotion climbs."""
    return {"b": 0, "u": 1, "i": 1, "f": 2}[np_dtype.kind]


def promote_types(a, b):
    """PyTorch's promotion of two numpy dtypes (torch.promote_types).

    Differs from numpy where ints meet floats: PyTorch keeps the float type
    (int32 + float32 -> float32, numpy says float64).
    """
    if a == b:
        return a
    if a.kind == "f" and b.kind != "f":
        return a
    if b.kind == "f" and a.kind != "f":
        return b
    return np.promote_types(a, b)


def _combine(higher, lower):
    """A lower-ranked operand's type counts only if its category is higher."""
    if higher is None:
        return lower
    if lower is None or higher.kind == "f":
        return higher
    if higher.kind == "b" or lower.kind == "f":
        return promote_types(higher, lower)
    return higher


def result_type(*operands):
    """The numpy dtype of an op's result under PyTorch's type-promotion rules.

    Unlike numpy, PyTorch ranks operands: tensors with dimensions decide first, then 0-dim
    tensors, then Python numbers; a lower rank only counts if it brings a higher category
    (bool < int < float). So ``float32_vector * float64_scalar_tensor`` stays float32 and
    ``int_tensor * 2.5`` becomes the default float dtype (float32).
    """
    ranked = [None, None, None]  # Python numbers, 0-dim tensors, tensors with dims
    for op in operands:
        rank, dt = op._promotion_rank, op._data.dtype
        if rank == 0 and dt.kind == "f":
            dt = _default_float._np
        ranked[rank] = dt if ranked[rank] is None else promote_types(ranked[rank], dt)
    return _combine(ranked[2], _combine(ranked[1], ranked[0]))

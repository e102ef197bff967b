"""The catalogue of ops. Each is an ``autograd.Function``: forward in numpy, backward in
minigrad ops. Grouped by kind: arithmetic, elementwise math, reductions, shapes, indexing,
matrix products."""
from .arithmetic import (Add, AddScaled, Div, Mul, Neg, Pow, PowTensor, Reciprocal, Rpow, Rsub,
                         Sub, SubScaled, add_scaled)
from .elementwise import (Abs, Clamp, Cos, Exp, Log, Maximum, Minimum, Relu, Sigmoid, Sin,
                          Sqrt, Tanh, Where)
from .indexing import Index, IndexPut, Select, Slice
from .linalg import Dot, Matmul, Mm, Mv, matmul
from .reduce import (Amax, Amin, LogSoftmax, Max, MaxDim, Mean, MeanDim, Min, MinDim, Norm,
                     Softmax, Std, Sum, SumDim, Var)
from .shape import (Cat, Clone, Expand, MaskedFill, Permute, Squeeze, SqueezeDim, SqueezeDims,
                    Stack, SumToSize, T, ToCopy, Transpose, UnsafeView, Unsqueeze, View)
from . import (elementwise_more, fused, gather, math_more, rearrange, reduce_more,  # noqa: F401
               shape_more, sorting)  # ops.gather.Gather, ...

"""How Tensor writes in place (``x += 1``, ``x.add_(y)``, ``x[0] = 5``, ``x.zero_()``...).

A mixin of ``Tensor``. An in-place op is recorded on a snapshot of the old value, so that
backward still sees what the op really read; the graph then says the tensor holds the op's
result (``_record_inplace``), and its version goes up, so that saved copies of the old value
can tell they are stale. PyTorch's errors come first (``_check_inplace_allowed``): a leaf that
requires grad, a view of one, an expanded view, a view taken under no_grad.
"""
from . import _dtype
from .autograd.grad_mode import _GradMode

# Set by minigrad/tensor.py once the Tensor class exists (it inherits from this mixin).
Tensor = None


def _type_name(t):
    return t.dtype._legacy_name[:-len("Tensor")]  # "FloatTensor" -> "Float"


class TensorInplace:
    """Mixin of Tensor's in-place machinery (the ops themselves call ``_inplace``)."""

    def _check_inplace_allowed(self):
        """Raise PyTorch's error if autograd can't allow an in-place op on this tensor."""
        base = self._base
        if base is None:
            if self.grad_fn is None and self._requires_grad and _GradMode.enabled:
                raise RuntimeError(
                    "a leaf Variable that requires grad is being used in an in-place operation."
                )
            return
        if not self._data.flags.writeable:  # an expanded view: elements share memory
            raise RuntimeError(
                "unsupported operation: more than one element of the written-to tensor refers "
                "to a single memory location. Please clone() the tensor before performing the "
                "operation."
            )
        if _GradMode.enabled and base._requires_grad:
            if base.grad_fn is None:
                raise RuntimeError(
                    "a view of a leaf Variable that requires grad is being used in an in-place "
                    "operation."
                )
            if self._view_ops is None:
                raise RuntimeError(
                    "A view was created in no_grad mode and is being modified inplace with grad "
                    "mode enabled. Given that this use case is ambiguous and error-prone, it is "
                    "forbidden. You can clarify your code by moving both the view and the "
                    "inplace either both inside the no_grad block (if you don't want the "
                    "inplace to be tracked) or both outside (if you want the inplace to be "
                    "tracked)."
                )

    def _check_inplace(self, node=None):
        """Before an in-place op that overwrites the values with new ones (fill_, zero_,
        normal_, the nn.init fills): raise PyTorch's errors, and record that the old values are
        gone, so that no gradient flows back through them. ``node``: the op PyTorch records
        (ops.shape.Fill, FillBackward0, unless given)."""
        self._check_inplace_allowed()
        if _GradMode.enabled and self._requires_grad:
            from .ops.shape import Fill

            self._record_inplace((node or Fill).apply(self))

    def _inplace(self, op, *args, ufunc=None):
        """Run ``op(self, *args)`` and write the result into this tensor's memory.

        The op is recorded on a snapshot of the old value, so backward still sees what the op
        really read; the graph then says this tensor holds the op's result (``_record_inplace``),
        and its version goes up so that saved copies of the old value can tell they are stale.
        """
        self._check_inplace_allowed()
        recording = _GradMode.enabled and (
            self._requires_grad or any([isinstance(a, Tensor) and a._requires_grad for a in args])
        )
        if ufunc is not None and not recording and self._inplace_ufunc(ufunc, args[0]):
            return self
        before = Tensor._make(self._data.copy(), self._requires_grad, self.grad_fn) if recording else self
        result = op(before, *args)
        if result._data.shape != self._data.shape:
            raise RuntimeError(
                f"output with shape {list(self.shape)} doesn't match the broadcast shape "
                f"{list(result.shape)}"
            )
        if _dtype._category(result._data.dtype) > _dtype._category(self._data.dtype):
            raise RuntimeError(
                f"result type {_type_name(result)} can't be cast to the desired output type "
                f"{_type_name(self)}"
            )
        self._data[...] = result._data
        self._version_counter[0] += 1
        if result._requires_grad:
            self._record_inplace(result)
        return self

    def _record_inplace(self, result):
        """Make the graph say that this tensor now holds ``result`` (an in-place op's output).

        A view's memory is its base's, so for a view it is the base that records the change: a
        CopySlices node sends the gradient of the view's region to ``result`` and the rest to
        the base's old value. Then every view of the base takes its grad_fn from the base's new
        node (AsStridedBackward0), as in PyTorch, so none of them reads a stale graph.
        """
        from .ops.indexing import AsStrided, CopySlices

        base = self._base
        if base is None:
            if result.grad_fn is not self.grad_fn:  # a new node; if it saved its output, that is self
                _saved_output_is(result.grad_fn, self)
            self.grad_fn, self._requires_grad = result.grad_fn, True
            base = self
        else:
            base.grad_fn = CopySlices.apply(base, result, self._view_ops).grad_fn
            base._requires_grad = True
        for view in list(base._views or ()):
            if view._view_ops is not None:
                view.grad_fn = AsStrided.apply(base, view._view_ops).grad_fn
                view._requires_grad = True

    def _inplace_ufunc(self, ufunc, other):
        """Fast path for ``p -= lr * g`` under no_grad: one numpy call writing into p's memory.

        Returns False (nothing written) when numpy can't do it in place; the general path then
        computes the result, or raises PyTorch's error.
        """
        if isinstance(other, Tensor):
            other = other._data
        elif not isinstance(other, (int, float)):
            return False
        try:
            ufunc(self._data, other, out=self._data, casting="same_kind")
        except (TypeError, ValueError):
            return False
        self._version_counter[0] += 1
        return True


def _saved_output_is(node, t):
    """A node that saved its own output (exp, sigmoid, tanh, relu, sqrt, reciprocal) keeps ``t``
    instead, when the op ran in place (``t.exp_()``): that output *is* t, in its memory and at
    its version, so changing t in place again makes backward fail, as in PyTorch."""
    if node is not None and node._saved:
        node._saved = tuple([(t.detach(), t._version_counter[0], True)
                             if saved is not None and saved[2] else saved
                             for saved in node._saved])

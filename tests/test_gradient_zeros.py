"""Where a backward formula routes no gradient, PyTorch writes 0.0, and a tensor prints
``0.`` there, never ``-0.``. It uses ``where(mask, grad, 0)`` (or zeros filled at the winners)
rather than ``grad * mask``, which gives -0.0 for a negative incoming gradient and nan for an
infinite one. amax/amin are the exception: PyTorch multiplies by the mask there.

Every expected list here was printed by PyTorch 2.13 for the same code.
"""
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import minigrad as torch

X = [3.0, 1.0, 3.0, -2.0, 3.0, 0.0]
THIRD = -0.23333333432674408  # float32(-0.7) / 3
F32 = -0.699999988079071  # float32(-0.7)
CASES = {
    "max": (lambda x: x.max(), [THIRD, 0.0, THIRD, 0.0, THIRD, 0.0]),
    "min": (lambda x: x.min(), [0.0, 0.0, 0.0, F32, 0.0, 0.0]),
    "max_dim": (lambda x: x.max(0)[0], [F32, 0.0, 0.0, 0.0, 0.0, 0.0]),
    "amax": (lambda x: x.amax(), [THIRD, -0.0, THIRD, -0.0, THIRD, -0.0]),
    "maximum": (lambda x: torch.maximum(x, torch.tensor([3.0, 0, 3, 0, 0, 0])),
                [F32 / 2, F32, F32 / 2, 0.0, F32, F32 / 2]),
    "clamp": (lambda x: x.clamp(0, 2.5), [0.0, F32, 0.0, 0.0, 0.0, F32]),
    "where": (lambda x: torch.where(x > 1, x, torch.zeros_like(x)), [F32, 0.0, F32, 0.0, F32, 0.0]),
}


@pytest.mark.parametrize("name", CASES)
def test_a_negative_gradient_leaves_the_same_zeros_as_pytorch(name):
    f, expected = CASES[name]
    x = torch.tensor(X, requires_grad=True)
    (f(x) * -0.7).sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), np.float32(expected))
    np.testing.assert_array_equal(np.signbit(x.grad.numpy()), np.signbit(expected))


def test_an_infinite_gradient_does_not_become_nan_where_clamp_cut_it_off():
    """sqrt's gradient at 0 is inf; clamp's backward must still give 0.0 (not inf * 0 = nan)
    to the elements it clamped."""
    x = torch.tensor([-2.0, -1.0, 0.0, 4.0], requires_grad=True)
    x.clamp(min=0).sqrt().sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), [0.0, 0.0, np.inf, 0.25])


def test_inf_and_nan_come_without_numpy_warnings():
    """PyTorch computes 1 / 0 = inf and 0 / 0 = nan without a message; so do minigrad's ops
    (numpy's RuntimeWarnings from minigrad's own code are filtered at import), while numpy
    code of the student's own still warns. Run in a fresh interpreter: pytest resets filters."""
    code = textwrap.dedent("""
        import numpy as np
        import minigrad as torch
        x = torch.tensor([0.0, 1.0], requires_grad=True)
        y = (1 / x) + x.sqrt() + torch.zeros(0, 3).mean(0).sum() + torch.tensor([]).mean()
        y.sum().backward()
        print(torch.zeros(0).softmax(0).shape, x.grad)
        np.array([1.0]) / 0  # the student's own numpy: warns
    """)
    run = subprocess.run([sys.executable, "-W", "default", "-c", code], capture_output=True,
                         text=True, check=True)
    assert run.stdout.split("\n")[0] == "torch.Size([0]) tensor([    nan, -0.5000])"  # as PyTorch
    warnings = [line for line in run.stderr.splitlines() if "Warning" in line]
    assert len(warnings) == 1 and "<string>:8: RuntimeWarning: divide by zero" in warnings[0]

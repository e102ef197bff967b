"""Snippets about torch.optim: the seeds' training loops, errors, and 50-step trajectories."""

import textwrap

from oracle.snippet import snippet
from oracle.snippets_autograd import SEED000_PARAMS
from oracle.snippets_nn import PRELUDE, nn_snippet

SEEDS = [
    snippet("seed000-optim-sgd", SEED000_PARAMS + PRELUDE + textwrap.dedent("""
        epochs = 300
        learning_rate = 0.01
        optimizer = optim.SGD([param_w, param_b], lr=learning_rate)
        for epoch in range(1, epochs + 1):
            y_p = param_w * x + param_b
            loss = torch.mean((y_p - y)**2)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if epoch % 10 == 0:
                print(f"Epoch {epoch}: loss={loss}, param_w={float(param_w)}, param_b={float(param_b)}")
    """), "param_w", "param_b", printed_rtol=1e-6,
        why="issue 4: PyTorch's SGD rounds p.add_(g, alpha=-lr) once, the manual loop twice, "
            "so middle epochs may differ by 1 ulp; 1e-6 relative accepts either"),
    nn_snippet("seed004-optim-one-step", """
        x = torch.tensor([3.])
        true = torch.tensor([10.])
        w = torch.tensor([5.], requires_grad=True)
        b = torch.tensor([1.], requires_grad=True)
        print(w); print(b)
        optimizer = optim.SGD((w, b), lr=0.01, momentum=0)
        pred = w*x+b
        loss = torch.pow(pred - true, 2)
        print("pred = {}, true = {}, loss = {}".format(pred.item(), true.item(), loss.item()))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print("-"*60)
        print(w); print(b)
        pred = w*x+b
        loss = torch.pow(pred - true, 2)
        print("pred = {}, true = {}, loss = {}".format(pred.item(), true.item(), loss.item()))
    """),
    nn_snippet("seed004-model-class-20-epochs", """
        class Model(object):
            def __init__(self):
                self.w = torch.tensor([5.], requires_grad=True)
                self.b = torch.tensor([1.], requires_grad=True)
                self.params = (self.w, self.b)

            def forward(self, x):
                pred = self.w*x+self.b
                return pred

        def train():
            x, true = data
            pred = model.forward(x)
            loss = torch.pow(pred - true, 2)
            print("pred = {}, true = {}, loss = {}".format(pred.item(), true.item(), loss.item()))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_hist.append(loss.item())

        x = torch.tensor([3.])
        true = torch.tensor([10.])
        data = (x, true)
        model = Model()
        optimizer = optim.SGD(model.params, lr=0.01, momentum=0)
        loss_hist = []
        for epoch in range(20):
            train()
    """, "loss_hist", printed_rtol=1e-6),
]

ERRORS = [
    nn_snippet("sgd-empty-parameter-list-error", "optim.SGD([], lr=0.1)"),
    nn_snippet("sgd-non-leaf-error", """
        w = torch.tensor([1.], requires_grad=True)
        optim.SGD([w * 2], lr=0.1)
    """),
    nn_snippet("sgd-negative-lr-error", """
        optim.SGD([torch.tensor([1.], requires_grad=True)], lr=-0.1)
    """),
    nn_snippet("sgd-negative-momentum-error", """
        optim.SGD([torch.tensor([1.], requires_grad=True)], lr=0.1, momentum=-0.5)
    """),
    nn_snippet("sgd-negative-weight-decay-error", """
        optim.SGD([torch.tensor([1.], requires_grad=True)], lr=0.1, weight_decay=-1)
    """),
    nn_snippet("sgd-nesterov-without-momentum-error", """
        optim.SGD([torch.tensor([1.], requires_grad=True)], lr=0.1, nesterov=True)
    """),
    nn_snippet("adam-negative-lr-error", """
        optim.Adam([torch.tensor([1.], requires_grad=True)], lr=-1e-3)
    """),
    nn_snippet("adam-bad-beta-error", """
        optim.Adam([torch.tensor([1.], requires_grad=True)], betas=(1.0, 0.999))
    """),
    nn_snippet("adam-bad-second-beta-error", """
        optim.Adam([torch.tensor([1.], requires_grad=True)], betas=(0.9, -0.1))
    """),
    nn_snippet("adam-negative-eps-error", """
        optim.Adam([torch.tensor([1.], requires_grad=True)], eps=-1.0)
    """),
    nn_snippet("adam-empty-parameter-list-error", "optim.Adam([])"),
    nn_snippet("optimizer-tensor-instead-of-iterable-error", """
        optim.SGD(torch.tensor([1.], requires_grad=True), lr=0.1)
    """),
]

BEHAVIOUR = [
    nn_snippet("zero-grad-sets-none-by-default", """
        w = torch.tensor([1., 2.], requires_grad=True)
        optimizer = optim.SGD([w], lr=0.1)
        (w * w).sum().backward()
        optimizer.zero_grad()
        print(w.grad)
        (w * w).sum().backward()
        optimizer.zero_grad(set_to_none=False)
        print(w.grad)
    """),
    nn_snippet("step-skips-parameters-without-grad", """
        a = torch.tensor([1.], requires_grad=True)
        b = torch.tensor([1.], requires_grad=True)
        optimizer = optim.SGD([a, b], lr=0.5)
        (a * 3).sum().backward()
        optimizer.step()
        print(a, b, sep="\\n")
    """),
    nn_snippet("param-groups", """
        a = torch.tensor([1.], requires_grad=True)
        b = torch.tensor([1.], requires_grad=True)
        optimizer = optim.SGD([{"params": [a]}, {"params": [b], "lr": 1.0}], lr=0.1, momentum=0.9)
        print(len(optimizer.param_groups), optimizer.param_groups[0]["lr"],
              optimizer.param_groups[1]["lr"], optimizer.param_groups[1]["momentum"])
        group = optimizer.param_groups[0]
        print([group[key] for key in ("dampening", "weight_decay", "nesterov", "maximize")])
        ((a + b) * 2).sum().backward()
        optimizer.step()
        print(a, b)
    """),
    nn_snippet("add-param-group", """
        a = torch.tensor([1.], requires_grad=True)
        b = torch.tensor([2.], requires_grad=True)
        optimizer = optim.SGD([a], lr=0.1)
        optimizer.add_param_group({"params": [b], "lr": 0.01})
        (a * b).sum().backward()
        optimizer.step()
        print(len(optimizer.param_groups), a, b)
    """),
    nn_snippet("adam-param-group-keys", """
        a = torch.tensor([1.], requires_grad=True)
        optimizer = optim.Adam([a])
        group = optimizer.param_groups[0]
        print(group["lr"], group["betas"], group["eps"], group["weight_decay"], group["amsgrad"])
    """),
    nn_snippet("optimizer-state-after-step", """
        a = torch.tensor([1., 2.], requires_grad=True)
        optimizer = optim.SGD([a], lr=0.1, momentum=0.9)
        print(len(optimizer.state))
        (a * a).sum().backward()
        optimizer.step()
        print(len(optimizer.state), list(optimizer.state[a].keys()))
        print(optimizer.state[a]["momentum_buffer"])
    """),
    nn_snippet("adam-state-after-step", """
        a = torch.tensor([1., 2.], requires_grad=True)
        optimizer = optim.Adam([a], lr=0.1)
        (a * a).sum().backward()
        optimizer.step()
        state = optimizer.state[a]
        print(sorted(state.keys()))
        print(state["exp_avg"], state["exp_avg_sq"], float(state["step"]))
    """),
    nn_snippet("optimizer-state-dict", """
        a = torch.tensor([1.], requires_grad=True)
        optimizer = optim.SGD([a], lr=0.1)
        sd = optimizer.state_dict()
        print(sorted(sd.keys()), sd["param_groups"][0]["params"], sd["param_groups"][0]["lr"])
    """),
    nn_snippet("step-lr-scheduler", """
        a = torch.tensor([1.], requires_grad=True)
        optimizer = optim.SGD([a], lr=1.0)
        scheduler = optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
        lrs = []
        for epoch in range(6):
            optimizer.step()
            scheduler.step()
            lrs.append(optimizer.param_groups[0]["lr"])
        print(scheduler.get_last_lr())
    """, "lrs"),
    nn_snippet("exponential-lr-scheduler", """
        a = torch.tensor([1.], requires_grad=True)
        optimizer = optim.SGD([a], lr=0.1)
        scheduler = optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.9)
        lrs = []
        for epoch in range(5):
            optimizer.step()
            scheduler.step()
            lrs.append(optimizer.param_groups[0]["lr"])
    """, "lrs"),
]

# A fixed small MLP and regression problem: every trajectory starts from the same weights.
_TRAJECTORY = """
rng = np.random.RandomState(0)
inputs = torch.tensor(rng.normal(size=(8, 3)).astype(np.float32))
targets = torch.tensor(rng.normal(size=(8, 2)).astype(np.float32))
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
with torch.no_grad():
    for p in model.parameters():
        p.copy_(torch.tensor(rng.uniform(-0.5, 0.5, size=tuple(p.shape)).astype(np.float32)))
optimizer = {optimizer}
losses = []
for step in range(50):
    optimizer.zero_grad()
    loss = F.mse_loss(model(inputs), targets)
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
params = list(model.parameters())
"""

TRAJECTORY_OPTIMIZERS = [
    ("sgd-plain", "optim.SGD(model.parameters(), lr=0.1)"),
    ("sgd-momentum", "optim.SGD(model.parameters(), lr=0.05, momentum=0.9)"),
    ("sgd-nesterov", "optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True)"),
    ("sgd-weight-decay", "optim.SGD(model.parameters(), lr=0.1, weight_decay=0.05)"),
    ("sgd-dampening", "optim.SGD(model.parameters(), lr=0.05, momentum=0.9, dampening=0.5)"),
    ("sgd-momentum-weight-decay",
     "optim.SGD(model.parameters(), lr=0.05, momentum=0.8, weight_decay=0.01)"),
    ("sgd-maximize", "optim.SGD(model.parameters(), lr=0.01, maximize=True)"),
    ("adam-default", "optim.Adam(model.parameters(), lr=0.01)"),
    ("adam-amsgrad", "optim.Adam(model.parameters(), lr=0.01, amsgrad=True)"),
    ("adam-weight-decay", "optim.Adam(model.parameters(), lr=0.01, weight_decay=0.1)"),
    ("adam-betas-eps", "optim.Adam(model.parameters(), lr=0.02, betas=(0.8, 0.99), eps=1e-6)"),
    ("adam-maximize", "optim.Adam(model.parameters(), lr=0.01, maximize=True)"),
    ("adamw-default", "optim.AdamW(model.parameters(), lr=0.01)"),
    ("adamw-weight-decay", "optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.1)"),
    ("adamw-amsgrad", "optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.1, amsgrad=True)"),
]

TRAJECTORIES = [
    nn_snippet(f"trajectory-{name}", _TRAJECTORY.format(optimizer=optimizer), "losses", "params")
    for name, optimizer in TRAJECTORY_OPTIMIZERS
]

GROUPS = {
    "optim_seeds": SEEDS,
    "optim_errors": ERRORS,
    "optim_behaviour": BEHAVIOUR,
    "optim_trajectories": TRAJECTORIES,
}

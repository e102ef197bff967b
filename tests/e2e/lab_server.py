"""Start a throwaway JupyterLab server for the browser tests, and always stop it again.

The server runs on a free localhost port with a random token, in a temporary copy of the
repository (running notebooks in the browser autosaves them: the committed ones must not
change), with its own config, settings, workspace and runtime folders so that nothing from the
machine's own Jupyter setup leaks in, and nothing that asks the internet for news or updates.
"""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

# What the temporary copy leaves out: version control, environments, caches and our own output.
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", ".ipynb_checkpoints",
    "*.egg-info", "artifacts", "_build", "node_modules",
)
START_TIMEOUT = 120   # seconds; a loaded 2-core machine can take a while to import JupyterLab
STOP_TIMEOUT = 20
# A safety net if this process is killed before it can stop the server: the server and its
# kernels end themselves after this many idle seconds.
IDLE_SHUTDOWN = 900


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_repository(source, destination):
    """Copy the repository's files (not .git, .venv or caches) to destination."""
    shutil.copytree(source, destination, ignore=NOT_COPIED)
    return destination


def _write_json(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, indent=1))


def isolated_jupyter_env(home):
    """Environment variables giving Jupyter its own folders under home, with quiet settings."""
    folders = {name: home / name for name in ("config", "data", "runtime", "settings",
                                              "workspaces", "ipython")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    # No "a build is recommended" dialog: this JupyterLab is a prebuilt pip install.
    _write_json(folders["config"] / "labconfig" / "page_config.json",
                {"buildCheck": False, "buildAvailable": False})
    # No "would you like to receive Jupyter news?" toast, no update check.
    _write_json(folders["settings"] / "@jupyterlab" / "apputils-extension"
                / "notification.jupyterlab-settings",
                {"fetchNews": "false", "checkForUpdates": False})
    return {
        "JUPYTER_CONFIG_DIR": str(folders["config"]),
        "JUPYTER_DATA_DIR": str(folders["data"]),
        "JUPYTER_RUNTIME_DIR": str(folders["runtime"]),
        "JUPYTERLAB_SETTINGS_DIR": str(folders["settings"]),
        "JUPYTERLAB_WORKSPACES_DIR": str(folders["workspaces"]),
        "IPYTHONDIR": str(folders["ipython"]),
    }


class LabServer:
    """A ``jupyter lab --no-browser`` process serving root_dir; use as a context manager."""

    def __init__(self, root_dir, home, log_path):
        self.root_dir = Path(root_dir)
        self.home = Path(home)
        self.log_path = Path(log_path)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def url(self, path):
        """The browser address of a lab path such as ``lab/tree/course/x.ipynb``."""
        return f"{self.base_url}/{path}?token={self.token}"

    def command(self):
        jupyter = Path(sys.executable).with_name("jupyter")
        return [
            str(jupyter), "lab", "--no-browser",
            "--ServerApp.open_browser=False",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            # The token's current name (ServerApp.token still works but is deprecated).
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--ServerApp.shutdown_no_activity_timeout={IDLE_SHUTDOWN}",
            f"--MappingKernelManager.cull_idle_timeout={IDLE_SHUTDOWN}",
            "--MappingKernelManager.cull_interval=60",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
            "--ServerApp.terminals_enabled=False",
        ] + (["--allow-root"] if os.geteuid() == 0 else [])

    def environment(self):
        env = dict(os.environ)
        env.update(isolated_jupyter_env(self.home))
        # Kernels import the copy's minigrad, not the editable install's.
        env["PYTHONPATH"] = os.pathsep.join(
            [str(self.root_dir)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        return env

    def start(self):
        """Start the server and wait until its REST API answers."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "w")
        # A session of its own, so that stop() can signal the server and everything it started.
        self.process = subprocess.Popen(self.command(), env=self.environment(), cwd=self.root_dir,
                                        stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with code {self.process.returncode}; "
                                   f"see {self.log_path}")
            if self._api("GET", "api/status") is not None:
                return self
            time.sleep(0.5)
        raise RuntimeError(f"jupyter lab did not answer within {START_TIMEOUT} s; see {self.log_path}")

    def _api(self, method, path):
        request = urllib.request.Request(f"{self.base_url}/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def stop(self):
        """Stop the server and its kernels: politely first, then by signal."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self._api("POST", "api/shutdown")   # shuts the kernels down, then the server
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGTERM)
                try:
                    self.process.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    self._signal_group(signal.SIGKILL)
                    self.process.wait()
        self._kill_leftover_kernels()

    def _signal_group(self, signum):
        try:
            os.killpg(self.process.pid, signum)
        except ProcessLookupError:
            pass

    def _kill_leftover_kernels(self):
        """Kill kernels the server failed to stop.

        Kernels run in sessions of their own, so signalling the server's group misses them;
        they are recognised by their connection file, which lies in this server's own runtime
        folder.
        """
        runtime_dir = str(self.home / "runtime")
        for proc in Path("/proc").glob("[0-9]*"):
            try:
                cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if runtime_dir in cmdline:
                try:
                    os.kill(int(proc.name), signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc_info):
        self.stop()

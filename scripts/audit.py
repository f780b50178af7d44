"""`make audit`: pip-audit of both environments' pinned requirements, with the accepted
advisories of requirements/audit-ignore.txt.

Each environment's files are audited as they are pinned (--no-deps: they are full
resolutions), against PyPI's vulnerability data, cached in var/pip-audit-cache. Exit 1 when
a known vulnerability is not fixed and not accepted; a package whose data could not be
fetched is listed, and with AUDIT_STRICT=1 that fails too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENVIRONMENTS = {
    "rasa": ["requirements/rasa.txt", "requirements/rasa-dev.txt"],
    "app": ["requirements/app.txt", "requirements/dev.txt"],
}
IGNORE_FILE = REPO / "requirements" / "audit-ignore.txt"
CACHE = REPO / "var" / "pip-audit-cache"


def accepted() -> dict[str, str]:
    """Advisory id -> the reason it is accepted."""
    found = {}
    for line in IGNORE_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            advisory, _, reason = line.partition(" ")
            found[advisory] = reason.strip()
    return found


def audit(files: list[str], ignored: dict[str, str]) -> dict[str, object]:
    args = [sys.executable, "-m", "pip_audit", "--disable-pip", "--no-deps", "--format", "json"]
    args += ["--progress-spinner", "off", "--cache-dir", str(CACHE)]
    for file in files:
        args += ["-r", str(REPO / file)]
    for advisory in ignored:
        args += ["--ignore-vuln", advisory]
    done = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603 - our own arguments
    try:
        report: dict[str, object] = json.loads(done.stdout)
    except json.JSONDecodeError:
        sys.exit(f"pip-audit failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return report


def main() -> int:
    ignored = accepted()
    strict = os.environ.get("AUDIT_STRICT") == "1"
    failed = False
    for name, files in ENVIRONMENTS.items():
        dependencies = audit(files, ignored)["dependencies"]
        assert isinstance(dependencies, list)  # noqa: S101 - pip-audit's JSON format
        skipped = [d for d in dependencies if "skip_reason" in d]
        vulnerable = [d for d in dependencies if d.get("vulns")]
        print(
            f"{name} environment: {len(dependencies)} packages, {len(vulnerable)} vulnerable,"
            f" {len(skipped)} not audited"
        )
        for dep in vulnerable:
            for vuln in dep["vulns"]:
                fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix"
                print(f"  {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
        if skipped:
            names = ", ".join(f"{d['name']} {d.get('version', '')}".strip() for d in skipped)
            print(f"  not audited (no vulnerability data): {names}")
        if len(skipped) == len(dependencies):
            print(
                f"  WARNING: nothing in the {name} environment could be audited: the"
                " registry gave no vulnerability data (README: Security)"
            )
        failed = failed or bool(vulnerable) or (strict and bool(skipped))
    for advisory, reason in ignored.items():
        print(f"accepted: {advisory}: {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

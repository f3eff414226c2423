"""Run mypy over r2p_desktop (configured in pyproject.toml) and hold it to mypy-baseline.txt.

The baseline lists the errors still accepted, one a line, without line numbers so that unrelated edits
do not break it. An error not in the baseline (or more of one than it lists) fails; an error the
baseline lists that is gone is fine, and the script asks for the baseline to shrink. The strict
packages (core, reports, exchange, sample_data) are meant to have none in it.

    python scripts/mypy-baseline.py            check (what `make test` runs)
    python scripts/mypy-baseline.py --write    record the errors of now as the baseline
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+(?::\d+)?: error: (?P<rest>.*)$")


def current_errors() -> tuple[Counter[str], str]:
    result = subprocess.run([sys.executable, "-m", "mypy", "r2p_desktop"], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    output = result.stdout + result.stderr
    if result.returncode not in (0, 1):  # 2: mypy itself failed (bad configuration, crash)
        sys.exit(f"mypy failed to run:\n{output}")
    errors = Counter(f"{m['path']}: {m['rest'].strip()}" for line in output.splitlines() if (m := ERROR.match(line)))
    return errors, output


def recorded() -> Counter[str]:
    if not BASELINE.exists():
        return Counter()
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    return Counter(line for line in lines if line.strip() and not line.startswith("#"))


def main(argv: list[str]) -> int:
    errors, output = current_errors()
    if "--write" in argv:
        header = "# mypy errors still accepted (scripts/mypy-baseline.py); this list may only shrink.\n"
        BASELINE.write_text(header + "".join(f"{e}\n" for e in sorted(errors.elements())), encoding="utf-8")
        print(f"mypy baseline: recorded {sum(errors.values())} errors in {BASELINE.name}")
        return 0
    baseline = recorded()
    new = errors - baseline
    fixed = baseline - errors
    if new:
        print(output, end="")
        print(f"\nmypy: {sum(new.values())} error(s) not in {BASELINE.name}:", file=sys.stderr)
        for error in sorted(new.elements()):
            print(f"  {error}", file=sys.stderr)
        return 1
    if fixed:
        print(f"mypy: {sum(fixed.values())} error(s) of {BASELINE.name} are fixed; shrink the baseline "
              f"(python scripts/mypy-baseline.py --write):")
        for error in sorted(fixed.elements()):
            print(f"  {error}")
    print(f"mypy: {sum(errors.values())} error(s), none new (baseline {sum(baseline.values())})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

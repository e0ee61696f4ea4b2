#!/usr/bin/python3
"""Validates JSON-lines files of releases against release.schema.json (JSON Schema 2020-12).

Usage: validate_jsonl.py SCHEMA FILE...

Every non-blank line of every FILE must be one JSON object that the schema accepts, and
there must be at least one such line. Prints "FILE:LINE: <json path>: <message>" for each
failure. Exit status: 0 all valid, 1 a line is invalid, 2 usage error or python3-jsonschema
missing (Debian: apt-get install python3-jsonschema; run with /usr/bin/python3).
"""
import json
import sys


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        print("validate_jsonl.py: the jsonschema module is missing "
              "(apt-get install python3-jsonschema; use /usr/bin/python3)", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        if hasattr(jsonschema.Draft202012Validator, "FORMAT_CHECKER")
        else jsonschema.FormatChecker())
    failures = 0
    records = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                records += 1
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as e:
                    print(f"{path}:{number}: not JSON: {e}")
                    failures += 1
                    continue
                for error in sorted(validator.iter_errors(value), key=lambda e: list(e.path)):
                    where = "/".join(str(p) for p in error.absolute_path) or "(record)"
                    print(f"{path}:{number}: {where}: {error.message}")
                    failures += 1
    if records == 0:
        print("validate_jsonl.py: no records found", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/python3
"""Validates a JSON document against a JSON Schema with python3-jsonschema (Debian).

usage: validate_schema.py DOCUMENT SCHEMA
Exit 0 when valid; 1 with the first error on stderr when not; 2 when a file cannot be read.
"""
import json
import sys

import jsonschema


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            document = json.load(f)
        with open(sys.argv[2], encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print(f"cannot read: {e}", file=sys.stderr)
        return 2
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(document), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        print(f"invalid at /{'/'.join(map(str, first.path))}: {first.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

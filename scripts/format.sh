#!/usr/bin/env bash
# Applies the house style (.editorconfig) to the whole solution with dotnet format: whitespace, code style (braces,
# no `this.`, `var`) and field naming. Pass --verify-no-changes to check without writing (exit 2 when a file would change).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet format MedZen.slnx --severity warn "$@"

#!/usr/bin/env bash
# Runs only the given test files (the config's spec would add every test): test/support/mocha-only.sh test/cases/*.test.ts
# One after another, each on a database of its own; add `--parallel --jobs 2` to run them side by side.
exec npx mocha --no-config --node-option import=tsx --require test/support/root-hooks.ts --timeout 30000 --exit "$@"

#!/usr/bin/env bash
# Runs only the given test files (the config's spec would add every test): test/support/mocha-only.sh test/cases/*.test.ts
exec npx mocha --no-config --node-option import=tsx --require test/support/root-hooks.ts --timeout 30000 --exit "$@"

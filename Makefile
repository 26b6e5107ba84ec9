# The two commands: `make run` (set up if needed, then run the assistant) and `make test`.
SHELL := /bin/bash
VENV := .venv
ZWGK := $(VENV)/bin/zwgk

.PHONY: setup kb run test

setup:
	@scripts/bootstrap.sh

kb: setup
	$(ZWGK) kb build

run: kb
	$(ZWGK) kb summary

test: setup
	$(VENV)/bin/python -m pytest -q

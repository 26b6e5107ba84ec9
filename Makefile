# The two commands: `make run` (set up if needed, then run the assistant) and `make test`.
SHELL := /bin/bash
VENV := .venv
ZWGK := $(VENV)/bin/zwgk

.PHONY: setup kb model run chat test eval bench

setup:
	@scripts/bootstrap.sh

kb: setup
	$(ZWGK) kb build

model: kb
	$(ZWGK) train

run: model
	$(ZWGK) serve

chat: model
	$(ZWGK) chat

test: model
	@scripts/ensure-chromium.sh
	$(VENV)/bin/python -m pytest -q

eval: model
	$(ZWGK) eval

bench: model
	$(ZWGK) bench
	$(ZWGK) bench --profile scale-out --no-kb-build

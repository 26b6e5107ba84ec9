# The two commands: `make run` (set up if needed, then run the assistant) and `make test`.
SHELL := /bin/bash
VENV := .venv
ZWGK := $(VENV)/bin/zwgk
BUILD := $(or $(ZWGK_BUILD),.build)
# The fast tests: no servers, no browser, no Redis or PostgreSQL, no training.
UNIT := not e2e and not browser and not services

.PHONY: setup kb model run chat lint validate unit test eval bench

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

lint: setup
	$(VENV)/bin/ruff check .

validate: model
	$(VENV)/bin/rasa data validate --config config.yml --domain bot/domain --data bot/data $(BUILD)/nlu/catalogue.yml

unit: lint
	$(VENV)/bin/python -m pytest -q -m "$(UNIT)"

test: lint validate
	@scripts/ensure-chromium.sh
	$(VENV)/bin/python -m pytest -q

eval: model
	$(ZWGK) eval

bench: model
	$(ZWGK) bench
	$(ZWGK) bench --profile scale-out --no-kb-build

"""The measuring tools, apart from the assistant they measure: the benchmark (bench/), the conversation
and blind-set evaluations, the parsing benchmark, the NLU cross-validation report, and the helper that
writes their generated blocks into docs/. They use bot/, actions/ and knowledge/; nothing there uses them.
`zwgk` (bot/cli.py) is the command line over them."""

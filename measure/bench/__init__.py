"""`zwgk bench`: benchmark.py runs it (servers, latency, load, start-up, memory), client.py talks to the
servers, parts.py times the parts of a turn, machine.py reads the machine and the processes, report.py
writes docs/benchmarks.md."""

"""The record of every turn, for the staff pages: Rasa's event broker writes the events, this package
reads them into turns (question, channel, intent, answer kind, what it cited, feedback) and keeps the
turn database (`.build/turns.db`, or ZWGK_TURNS_URL). Nothing else opens that database."""

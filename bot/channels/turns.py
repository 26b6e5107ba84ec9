"""What every channel does with a citizen's turn, whatever the channel."""
from typing import Any, Dict, List

# Rasa 3.6 logs a failed custom action (action server down, an error in it) and ends the turn
# without a message (RasaHQ/rasa#5588); the citizen must never be met with silence.
APOLOGY = "抱歉，系统暂时出了点问题，没能回答您的问题。请稍后再试一次。"


def never_silent(messages: List[Dict[str, Any]], recipient_id: str) -> List[Dict[str, Any]]:
    """The bot's messages of a turn, or an apology when the turn produced none."""
    return messages or [{"recipient_id": recipient_id, "text": APOLOGY}]

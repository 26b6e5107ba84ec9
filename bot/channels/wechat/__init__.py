"""The WeChat Official Account channel: `channel` (the InputChannel, named in credentials.yml as
bot.channels.wechat.WeChatInput), `protocol` (signatures, encryption, messages), `api` (the
customer-service API for late answers), `state` (followers and retries) and `text` (fitting answers
into WeChat's limits)."""
from bot.channels.wechat.channel import WeChatInput

__all__ = ["WeChatInput"]

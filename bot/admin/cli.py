"""`zwgk admin`: staff accounts of the staff pages, and the retention of the turn record."""
import click


def _store():
    from bot.admin.channel import retention_days
    from bot.turnlog.store import TurnStore

    return TurnStore(retention_days=retention_days())


def _staff():
    from bot.admin.auth import Staff

    return Staff(_store().engine)


@click.group()
def admin():
    """Staff accounts of the pages under /admin/ and the turn record (.build/turns.db or ZWGK_TURNS_URL)."""


@admin.command("add-user")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Asked for when not given (at least 10 characters).")
def add_user(username, password):
    """Create a staff account, or set a new password for it (its sessions end)."""
    try:
        _staff().add_user(username, password)
    except ValueError as error:
        raise click.ClickException(str(error))
    click.echo(f"staff account {username} saved; log in at /admin/")


@admin.command("users")
def users():
    """List the staff accounts."""
    for name in _staff().users():
        click.echo(name)


@admin.command("remove-user")
@click.argument("username")
def remove_user(username):
    """Delete a staff account and end its sessions."""
    if not _staff().remove_user(username):
        raise click.ClickException(f"no staff account {username}")
    click.echo(f"removed {username}")


@admin.command("purge")
def purge():
    """Read new events, then delete turns older than the retention (ZWGK_RETENTION_DAYS, default 180)."""
    store = _store()
    store.ingest()
    click.echo(f"deleted {store.purge()} turns older than {store.retention_days} days")

"""The `zwgk` command line: one entry point for everything a person does."""
import click


@click.group()
def main():
    """政务公开问答助手."""


if __name__ == "__main__":
    main()

"""``python -m rapporteur``: the same command line as the ``rapporteur`` script."""

from rapporteur.cli import main

if __name__ == "__main__":
    main()

from rhetoric.cli import main

main()

from .cli import main

if __name__ == "__main__":  # not when a spawned process (the preview's) imports it again
    main()

__version__ = "1.0"
__generator__ = "openapi-pyclient-generator 0.1.0"  # what generated this package, and its version

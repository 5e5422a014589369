"""armgen: generate typed Python clients for Azure Resource Manager operations from Swagger specs.

The pipeline is the architecture, one module per stage:
load -> validate -> model -> render -> format -> write.
"""

__version__ = "0.1.0"

"""Resources of the Novu client, one module per top-level resource."""

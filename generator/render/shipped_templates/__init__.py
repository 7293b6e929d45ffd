"""Written by `python -m generator.render.ship_templates`: do not edit."""

JINJA = '3.1.6'  # the Jinja that compiled them

FINGERPRINTS = {
    'README.md.jinja': '524809a9d5ebb4a1c124199b8bf7b321ff03460c918294e21b044979b6820306',
    'api.md.jinja': 'c016130e789b09f3f90303a52568a80616db04f82d630ef7237390619498d32f',
    'package/__init__.py.jinja': 'e75d378d7d08b17ef0bcdb1e292e667b8bbaa70fba0c7e053dea720866f9adc8',
    'package/_client.py.jinja': '20e579d7b78643d56367d6d938195b95d2589fd550ac6a39953be95f0862016f',
    'package/_imports.jinja': '8c79f31547db1c21203cfe99911c704dc6e023d12f664c8bdd5215e6fbb922f1',
    'package/_methods.jinja': 'a777991837fddf62fee10683be62e4bc8c23e7abeb613d81c4199cb75bd064fa',
    'package/_version.py.jinja': '59c70058140e7535374324e8b5ed73f02a961a2816413b9ee30326d036898c5d',
    'package/_webhooks.py.jinja': '13e8eb756d61579a2e2462592f8c0b49e8329f465aa98f768a7ed27e9370514d',
    'package/models/__init__.py.jinja': 'a154e83c5e3add13c74e3e218fd95042ac5d6215c2f5ba7d5130101ac5e62b18',
    'package/models/_definitions.jinja': '9f8e77dcb74089f1b0974334f9e7c576a0ec8736bcf6df743c7308c91ccc3fb2',
    'package/models/module.py.jinja': '4c58bafe30670d2bd6c639fc67d34f883ff9ab58be8d4afb787077eda459edc2',
    'package/pagination.py.jinja': '0360ae231080287e8dfc0f25bd194bebc759f3e9909e25d667f56177457c919b',
    'package/resources/__init__.py.jinja': 'd7987c450361b42dd72518169adc0b3173f08cae18eb2878a4e41e38790cf55e',
    'package/resources/resource.py.jinja': '1606fedde053ee14b0fafdaf62be2be1ac835ba6128d1e06fe00f6083f22880c',
    'pyproject.toml.jinja': '698e8462abbeef45a73869c09136455e235cdbb3b59ad003ee6656affb98ab44',
}

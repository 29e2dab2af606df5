"""The rest of a target table's year: 运行监控 (MON-*) and 绩效自评 scoring (EVA-*).

``schemes`` holds the thresholds, weights and tiers (central default, provincial presets),
``formulas`` the exact arithmetic, ``scoring`` and ``monitoring`` the engines that turn a
document's lifecycle records into explained scores, traffic lights and ordinary findings.
"""

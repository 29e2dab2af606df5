"""Layout → document model (one assembler for every reader)."""

from jixiao.assemble.assembler import assemble as assemble

"""Review (审核): coded rules over the document model, findings with evidence, grades, fixes."""

from jixiao.review.config import ReviewConfig as ReviewConfig
from jixiao.review.config import find_config as find_config
from jixiao.review.config import load_config as load_config
from jixiao.review.engine import review as review
from jixiao.review.finding import Finding as Finding
from jixiao.review.fixes import apply_safe_fixes as apply_safe_fixes
from jixiao.review.registry import all_rules as all_rules
from jixiao.review.report import Report as Report

"""Interface language: English by default, the lecture's Chinese terms with ``--lang zh``.

Widgets wrap user-visible strings in :func:`tr`; a string without a translation stays English.
The language is chosen once at start-up (``--lang`` or the ``BACKPROP_STUDIO_LANG`` variable).
"""
from __future__ import annotations

import os

_language = os.environ.get("BACKPROP_STUDIO_LANG", "en")

# The lecture's terms (shared/LECTURE.md) and the window's main labels.
ZH = {
    "Backprop Studio": "反向传播工作室 Backprop Studio",
    "Network": "网络",
    "Loss": "损失",
    "Loss function": "损失函数",
    "Learning rate": "学习率",
    "Optimizer": "优化器",
    "Batch size": "批大小",
    "Epoch": "轮次",
    "Step": "步",
    "Run": "运行",
    "Pause": "暂停",
    "Reset": "重置",
    "Step phase": "单步（阶段）",
    "Back a phase": "后退一个阶段",
    "Data": "数据",
    "Preset": "预设",
    "Weights": "权重",
    "Weight": "权重",
    "Bias": "偏置",
    "Gradient": "梯度",
    "Gradient check": "梯度检验",
    "Inspector": "检查器",
    "Timeline": "时间轴",
    "Output": "输出",
    "Gradients per layer": "各层梯度",
    "Loss curve": "损失曲线",
    "Input layer": "输入层",
    "Hidden layer": "隐藏层",
    "Output layer": "输出层",
    "Forward": "前向传播",
    "Backward": "反向传播",
    "Update": "权重更新",
    "Activation function": "激活函数",
    "Training": "训练",
    "File": "文件",
    "View": "视图",
    "Help": "帮助",
    "About": "关于",
    "Open session…": "打开会话…",
    "Save session…": "保存会话…",
    "Quit": "退出",
    "Full screen": "全屏",
    "Resume from here": "从此处继续",
    "Training diverged": "训练发散",
}


def set_language(lang: str) -> None:
    global _language
    _language = lang if lang in ("en", "zh") else "en"


def language() -> str:
    return _language


def tr(text: str) -> str:
    """The current language's version of ``text`` (English text is the key)."""
    if _language == "zh":
        return ZH.get(text, text)
    return text

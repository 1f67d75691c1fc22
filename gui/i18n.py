"""Interface language: English by default, the lecture's Chinese terms with ``--lang zh``.

Widgets wrap user-visible strings in :func:`tr`; a string without a translation stays English.
The English text is the key, and :func:`tr` is applied to a *template* before it is formatted,
so a translation keeps exactly the ``{placeholders}`` of its key.  Mnemonics follow the usual
Chinese Qt style: ``&File`` becomes ``文件(&F)``, the same letter in brackets at the end.
The language is chosen once at start-up (``--lang`` or the ``BACKPROP_STUDIO_LANG`` variable).
"""

from __future__ import annotations

import os

LANGUAGES = ("en", "zh")


def _normalise(lang) -> str:
    """``"zh"``, ``"zh_CN"``, ``"zh-Hans"`` … → ``"zh"``; anything else → ``"en"``."""
    lang = str(lang or "").strip().lower().replace("-", "_")
    return "zh" if lang == "zh" or lang.startswith("zh_") else "en"


_language = _normalise(os.environ.get("BACKPROP_STUDIO_LANG", "en"))

# English → the lecture's Chinese (shared/LECTURE.md, "Terms"): 损失函数, 反向传播, 前向传播, 误差, 梯度,
# 学习率, 权重/偏置, 激活函数, 链式法则, 权重更新, 优化器, 梯度消失/梯度爆炸, 隐藏层/输出层/输入层, 神经元,
# 轮次, 预测值/真实值.  Grouped by the file that shows them; a string used by several files appears once.
ZH = {
    # -- the window's main labels and the lecture's terms --------------------------------------
    "Backprop Studio": "反向传播工作室 Backprop Studio",
    "Network": "网络",
    "Loss": "损失",
    "Loss function": "损失函数",
    "Learning rate": "学习率",
    "Optimizer": "优化器",
    "Batch size": "批大小",
    "Epoch": "轮次",
    "Step": "单步",
    "Run": "运行",
    "Pause": "暂停",
    "Reset": "重置",
    "Step phase": "下一阶段",
    "Back a phase": "上一阶段",
    "Data": "数据",
    "Preset": "预设",
    "Weights": "权重",
    "Weight": "权重",
    "Bias": "偏置",
    "Gradient": "梯度",
    "Gradients": "梯度",
    "Gradient check": "梯度检验",
    "Controls": "控制面板",
    "Inspector": "检查器",
    "Timeline": "时间轴",
    "Output": "输出层",
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
    # -- gui/main_window.py -------------------------------------------------------------------
    "&File": "文件(&F)",
    "&Edit": "编辑(&E)",
    "&Training": "训练(&T)",
    "&View": "视图(&V)",
    "&Help": "帮助(&H)",
    "Load CSV data…": "加载 CSV 数据…",
    "Save screenshot…": "保存截图…",
    "Undo": "撤销",
    "Redo": "重做",
    "Edit": "编辑",
    "Edit weight": "编辑权重",
    "Edit bias": "编辑偏置",
    "Saved": "已保存",
    "Back to live": "回到实时",
    "Drag to look at an earlier step; the diagram, inspector and plots follow.": "拖动以查看较早的训练步；网络图、检查器和曲线随之更新。",
    "Viewing step": "正在查看步数",
    "drag the timeline or press “Back to live”": "拖动时间轴或点击“回到实时”",
    "Training…  Space pauses; Shift+→ steps one phase at a time.": "训练中……按 Space 暂停；按 Shift+→ 每次前进一个阶段。",
    "Ready.  Space runs, → takes one step, Shift+→ one phase (forward, loss, δ, gradients, update).": "就绪。按 Space 运行，按 → 前进一步，按 Shift+→ 前进一个阶段（前向传播、损失、δ、梯度、权重更新）。",
    "accuracy": "准确率",
    "steps/s": "步/秒",
    "step": "步数",
    "viewing step": "正在查看步数",
    # -- gui/compare_window.py, model/compare.py (View → Compare side by side) ------------------
    "Compare side by side…": "并排比较…",
    "Train the same initial network under two settings at once (Ctrl+K)": "用两种设置同时训练同一个初始网络（Ctrl+K）",
    "Compare side by side": "并排比较",
    "The network and data both sides start from": "两侧共同的起点：网络与数据",
    "The main window's session": "主窗口的会话",
    "Suggested:": "推荐比较：",
    "Compare {a} with {b}": "比较 {a} 与 {b}",
    "What differs": "不同之处",
    "The one setting that differs between the two sides; everything else is the same": "两侧唯一不同的设置；其余一切相同",
    "Side A": "A 侧",
    "Side B": "B 侧",
    "The setting of side {side}; changing it restarts this side only": "{side} 侧的设置；修改它只让这一侧从头开始",
    "Train both sides together; press again to pause (Space)": "两侧一起训练；再按一次暂停（Space）",
    "One training step on each side (→ or N)": "每侧执行一个训练步（→ 或 N）",
    "Both sides back to the same initial weights (R)": "两侧回到相同的初始权重（R）",
    "Training steps per second on each side while running": "运行时每侧每秒执行的训练步数",
    "Loss of both sides": "两侧的损失",
    "Log scale": "对数坐标",
    "{label}: step {step:,}, loss {loss}": "{label}：步数 {step:,}，损失 {loss}",
    "The two sides measure different losses: compare the shapes and the outputs, not the heights.": (
        "两侧度量的是不同的损失：请比较曲线的形状和网络输出，而不是数值高低。"
    ),
    "Choose what differs and the two values; both sides start from the same weights and data.": (
        "选择不同之处及其两个取值；两侧从相同的权重和数据出发。"
    ),
    "Output of side {side}: {label}": "{side} 侧的输出：{label}",
    "Close": "关闭",
    "Hidden activation": "隐藏层激活函数",
    "batch of {n}": "批大小 {n}",
    "{text} hidden layers": "{text} 隐藏层",
    "Learning rate 0.1 against 1.0 from the same weights: the larger step reaches in about 1,000 epochs the loss the "
    "lecture's γ = 0.1 needs 10,000 for, and both find the XOR boundary.": (
        "从相同的权重出发，学习率 0.1 对比 1.0：较大的步长约 1,000 个轮次就达到课堂上 γ = 0.1 需要 10,000 个轮次才达到的"
        "损失，两者都找到了 XOR 的分界。"
    ),
    "The published γ = 0.5 against γ = 5: with ten times the step, E falls to 0.018 in 10 updates where γ = 0.5 is "
    "still at 0.22; on this one sample a large step does not overshoot yet.": (
        "原文的 γ = 0.5 对比 γ = 5：步长大十倍时，10 次权重更新后 E 降到 0.018，而 γ = 0.5 仍在 0.22；"
        "在这一个样本上，大步长还不会越过最小值。"
    ),
    "γ = 0.1 against γ = 0.35: the error ŷ − y shrinks by ½ per step with 0.1, but with 0.35 the step overshoots and "
    "the error changes sign every step (×(−0.75)); above 0.4 it would diverge.": (
        "γ = 0.1 对比 γ = 0.35：γ = 0.1 时误差 ŷ − y 每步减半；γ = 0.35 时每一步都越过目标，误差每步变号（×(−0.75)）；"
        "超过 0.4 就会发散。"
    ),
    "The same weights with sigmoid or ReLU hidden layers: ReLU's derivative is 1 where a unit is active, so δ reaches "
    "the first layer and the loss leaves ln 2 ≈ 0.693 within 100 steps, while the sigmoid network stays on its "
    "plateau for about 8,000 steps.": (
        "相同的权重，隐藏层分别用 sigmoid 和 ReLU：ReLU 在神经元激活处的导数为 1，所以误差项 δ 能传到第一层，"
        "损失在 100 步之内离开 ln 2 ≈ 0.693；而 sigmoid 网络在平台上停留约 8,000 步（梯度消失）。"
    ),
    "MSE against Huber on the same data: the outliers lift the MSE fit above the true line, while the Huber fit stays "
    "on the line. The two curves measure different losses: compare the fits.": (
        "同一数据上 MSE 对比 Huber：异常值把 MSE 的拟合抬到真实直线之上，而 Huber 的拟合留在直线上（鲁棒性）。"
        "两条曲线度量的是不同的损失：请比较拟合结果。"
    ),
    "Binary cross-entropy against focal loss: after 5 epochs BCE still puts every positive below ½, while focal loss, "
    "which down-weights the easy negatives, already finds all ten; after 200 epochs BCE still misses one. The two "
    "curves measure different losses: compare the outputs.": (
        "二元交叉熵对比焦点损失：5 个轮次后 BCE 仍把每个正样本判为低于 ½，而降低了容易负样本权重的焦点损失已经找出全部 10 个；"
        "200 个轮次后 BCE 仍漏掉一个。两条曲线度量的是不同的损失：请比较网络输出。"
    ),
    "Plain SGD against Adam, both with γ = 0.01: SGD's loss hardly leaves ln 2 ≈ 0.69 in 500 epochs, while Adam's "
    "per-weight step sizes bring it below 0.3 and wind the boundary around the spirals.": (
        "普通 SGD 对比 Adam，学习率都是 γ = 0.01：500 个轮次内 SGD 的损失几乎没有离开 ln 2 ≈ 0.69，"
        "而 Adam 为每个权重调整步长，使损失降到 0.3 以下，分界线绕着螺旋线弯曲。"
    ),
    "γ = 1.6 against γ = 0.1: the large rate's loss grows by orders of magnitude until the divergence guard stops "
    "that side, while γ = 0.1 settles at the best line.": (
        "γ = 1.6 对比 γ = 0.1：大学习率一侧的损失增长若干个数量级，直到发散保护停止这一侧；γ = 0.1 则稳定在最佳直线上。"
    ),
    "SGD against SGD with momentum 0.9 at the same γ: momentum adds up the steps that agree, so its loss falls about "
    "ten times faster in the first epochs.": (
        "相同 γ 下 SGD 对比动量 0.9 的 SGD（动量法）：动量把方向一致的步子累加起来，所以最初几个轮次里损失下降快约十倍。"
    ),
    "tanh against ReLU hidden layers: both fit the sine, but the ReLU network's curve is made of straight pieces "
    "joined at corners, the tanh network's is smooth.": (
        "隐藏层 tanh 对比 ReLU：两者都能拟合正弦曲线，但 ReLU 网络的曲线由折线段拼成，tanh 网络的曲线是光滑的。"
    ),
    "Mini-batches of 10 against the full batch: each mini-batch step sees 10 samples, so its loss curve is noisy; the "
    "full-batch curve is smooth but makes one step per epoch.": (
        "小批量 10 对比全批量：每个小批量步只看到 10 个样本，所以损失曲线有噪声；全批量的曲线平滑，但每个轮次只走一步。"
    ),
    # -- gui/controls.py ----------------------------------------------------------------------
    "Run until (breakpoints)": "运行至（断点）",
    "Custom session": "自定义会话",
    "Load a ready-made lecture example. Choosing the current preset again reloads it.": "加载现成的课堂示例。再次选择当前预设会重新加载它。",
    "Phase keys: Shift+← and Shift+→": "阶段快捷键：Shift+← 与 Shift+→",
    "Re-initialise the weights and start again (R)": "重新初始化权重并从头开始（R）",
    "One whole training step: forward, loss, backward, update (N or →)": "完整的一个训练步：前向传播、损失、反向传播、权重更新（N 或 →）",
    "Advance one phase of the training step: one layer forward, the loss, one layer's δ or gradient, "
    "or the update (Shift+→)": "将训练步推进一个阶段：一层的前向传播、损失、一层的 δ 或梯度，或权重更新（Shift+→）",
    "Go back one phase of the current step (Shift+←)": "回到当前训练步的上一个阶段（Shift+←）",
    "Train continuously; press again to pause (Space)": "连续训练；再按一次暂停（Space）",
    "Speed": "速度",
    "How many training steps per second while running": "运行时每秒执行的训练步数",
    "{} steps/s": "{} 步/秒",
    "{} step/s": "{} 步/秒",
    "As fast as possible": "尽可能快",
    "Epoch 0 · Step 0\nLoss —": "轮次 0 · 步数 0\n损失 —",
    "Epoch {epoch:,} · Step {step:,}\nLoss {loss}": "轮次 {epoch:,} · 步数 {step:,}\n损失 {loss}",
    "Accuracy {acc:.1f} %": "准确率 {acc:.1f} %",
    "{rate} steps/s": "{rate} 步/秒",
    "Pause at epoch": "暂停于轮次",
    "Pause when this epoch is reached": "到达该轮次时暂停",
    "Pause when loss <": "暂停条件：损失 <",
    "Pause as soon as the loss falls below this value": "损失一旦低于该值即暂停",
    "Any layer's ‖∂L/∂W‖ <": "任一层的 ‖∂L/∂W‖ <",
    "Vanishing gradients (梯度消失): pause when the gradient norm of any layer falls below ε": "梯度消失：任一层的梯度范数低于 ε 时暂停",
    "Any layer's ‖∂L/∂W‖ >": "任一层的 ‖∂L/∂W‖ >",
    "Exploding gradients (梯度爆炸): pause when the gradient norm of any layer exceeds G": "梯度爆炸：任一层的梯度范数超过 G 时暂停",
    "(vanishing)": "（梯度消失）",
    "(exploding)": "（梯度爆炸）",
    "Always pauses if the loss becomes NaN or infinite.": "损失变为 NaN 或无穷大时总会暂停。",
    "Learning rate γ": "学习率 γ",
    "Learning rate γ (学习率): the step size of w ← w − γ·∂L/∂w. The slider is logarithmic, from 0.00001 to 10; "
    "type an exact value in the box (e.g. 0.1 or 3e-4).": "学习率 γ：w ← w − γ·∂L/∂w 中的步长。滑块为对数刻度，范围 0.00001 到 10；"
    "可在输入框中键入精确值（如 0.1 或 3e-4）。",
    "Full batch": "全批量",
    "Samples per training step (批大小); Full batch uses every sample in each step": "每个训练步使用的样本数（批大小）；全批量表示每一步都使用全部样本",
    "Data set": "数据集",
    "Custom data": "自定义数据",
    "Seed": "随机种子",
    "Random seed: the same seed draws the same points": "随机种子：相同的种子生成相同的数据点",
    "Samples": "样本数",
    "Number of points": "数据点的数量",
    "Noise": "噪声",
    "Standard deviation of the Gaussian noise": "高斯噪声的标准差",
    "Classes": "类别数",
    "Number of classes": "类别的数量",
    "Load &CSV…": "加载 CSV(&C)…",
    "Train on your own table: the last column is the target": "用你自己的表格训练：最后一列是真实值（标签值）",
    "Load a CSV data set": "加载 CSV 数据集",
    "CSV files (*.csv *.txt);;All files (*)": "CSV 文件 (*.csv *.txt);;所有文件 (*)",
    "Changing the data or the architecture re-initialises the weights.": "更改数据或网络结构会重新初始化权重。",
    "Inputs: {n_in} · Outputs: {n_out} (fixed by the data)": "输入：{n_in} · 输出：{n_out}（由数据决定）",
    "Hidden layers: neurons, activation": "隐藏层：神经元数、激活函数",
    "No hidden layer: the inputs feed the output layer directly.": "没有隐藏层：输入直接送入输出层。",
    "Neurons in hidden layer {} (1–1024)": "隐藏层 {} 的神经元数（1–1024）",
    "Activation function of hidden layer {}": "隐藏层 {} 的激活函数",
    "Remove hidden layer {}": "删除隐藏层 {}",
    "Add hidden &layer": "添加隐藏层(&L)",
    "Append a hidden layer before the output layer (at most {})": "在输出层之前添加一个隐藏层（最多 {} 个）",
    "Output activation": "输出层激活函数",
    "Train biases": "训练偏置",
    "Update the biases of layer {layer}; off, they keep their values (as published)": (
        "更新第 {layer} 层的偏置；关闭时偏置保持原值（与原文一致）"
    ),
    "Activation function of the output layer": "输出层的激活函数",
    "Initializer": "初始化方法",
    "Init seed": "初始化种子",
    "Seed of the weight initialiser": "权重初始化的随机种子",
    "{} off": "不使用 {}",
    "Not applied: {}": "未应用：{}",
    "Unknown loss {!r}": "未知的损失函数 {!r}",
    # -- gui/diagram.py -----------------------------------------------------------------------
    "Input": "输入层",
    "Hidden {n}": "隐藏层 {n}",
    "In": "输入",
    "Out": "输出",
    "+{n} more": "另有 {n} 个",
    "{layer} · neuron {unit}": "{layer} · 神经元 {unit}",
    "Input x{sub}": "输入 x{sub}",
    "{n} more neurons not drawn (units {first}–{last})": "另有 {n} 个神经元未画出（第 {first}–{last} 个）",
    "Weight w({layer}): {src} → {dst}": "权重 w({layer})：{src} → {dst}",
    "{layer} neuron {unit}": "{layer} 神经元 {unit}",
    "input x{sub}": "输入 x{sub}",
    "Batch mean": "批均值",
    "batch mean over {m} samples": "{m} 个样本的批均值",
    "one sample": "单个样本",
    "sample {s} of {m}": "样本 {s} / {m}",
    "not computed yet": "尚未计算",
    "{v} (non-finite)": "{v}（非有限值）",
    "{v} (was {old})": "{v}（原为 {old}）",
    "target y = {v}": "真实值 y = {v}",
    "this sample's share a·δ = {v}": "该样本的份额 a·δ = {v}",
    "Current values · {what}": "当前值 · {what}",
    "step {step} · phase {k} of {n}": "第 {step} 步 · 阶段 {k} / {n}",
    "Neurons: {q}": "神经元：{q}",
    "Edges: {q}": "连接：{q}",
    " (fixed)": "（固定）",
    "non-finite (diverged)": "非有限值（已发散）",
    "Numbers hidden: {n} edges > {max}": "数值已隐藏：连接数 {n} > {max}",
    "Neuron numbers hidden: the circles are too small": "神经元数值已隐藏：圆圈太小",
    "a (activation)": "a（激活值）",
    "z (weighted input)": "z（加权输入）",
    "w (weight)": "w（权重）",
    "∂L/∂w (gradient)": "∂L/∂w（梯度）",
    "No network yet": "尚无网络",
    "Auto (a / δ)": "自动（a / δ）",
    "a  activation": "a  激活值",
    "z  weighted input": "z  加权输入",
    "δ  error ∂L/∂z": "δ  误差 ∂L/∂z",
    "w  weight": "w  权重",
    "∂L/∂w  gradient": "∂L/∂w  梯度",
    "&Neurons:": "神经元(&N)：",
    "E&dges:": "连接(&D)：",
    "Sa&mple:": "样本(&M)：",
    "Sho&w numbers": "显示数值(&W)",
    "Sc&ale:": "色标(&A)：",
    "Auto": "自动",
    "Fixed ±": "固定 ±",
    "a while computing forward, δ while going backward": "前向传播时显示 a，反向传播时显示 δ",
    "activation a = f(z), the neuron's output": "激活值 a = f(z)，即神经元的输出",
    "weighted input z = Σ w·a_prev + b": "加权输入 z = Σ w·a_prev + b",
    "error δ = ∂L/∂z: how much this neuron is to blame": "误差 δ = ∂L/∂z：该神经元对误差应负多少责任",
    "the weights": "权重",
    "the gradients ∂L/∂w (and ∂L/∂b on the bias tabs) of the batch loss": "批损失的梯度 ∂L/∂w（偏置上为 ∂L/∂b）",
    "What colours the neurons: activation a, weighted input z, or error δ = ∂L/∂z": "神经元的着色依据：激活值 a、加权输入 z 或误差 δ = ∂L/∂z",
    "What colours the connections: the weight w or its gradient ∂L/∂w": "连接的着色依据：权重 w 或其梯度 ∂L/∂w",
    "Show one sample's values, or their mean over the batch": "显示单个样本的值，或它们在整批上的均值",
    "Print the values on the diagram (small networks only)": "在网络图上显示数值（仅限小型网络）",
    "Auto: the colour scale follows the largest value shown; Fixed: ± the number on the right": "自动：色标随所显示的最大值变化；固定：使用右侧数值的 ±",
    "unknown {what} quantity {q!r}; choose one of: {choices}": "未知的 {what} 量 {q!r}；请选择其一：{choices}",
    "there is no {what} {index} in this network": "此网络中没有 {what} {index}",
    # -- gui/gradcheck_dialog.py --------------------------------------------------------------
    "Every parameter θ is nudged to θ ± h and the loss's slope (L(θ+h) − L(θ−h)) / 2h is compared with "
    "the gradient backprop computed. Relative error = |backprop − numeric| / (|backprop| + |numeric|).": "把每个参数 θ 微调为 θ ± h，用损失的斜率 (L(θ+h) − L(θ−h)) / 2h 与反向传播算出的梯度比较。"
    "相对误差 = |反向传播 − 数值| / (|反向传播| + |数值|)。",
    "Layer": "层",
    "Max rel. error W": "W 最大相对误差",
    "Max rel. error b": "b 最大相对误差",
    "Worst weight": "最差的权重",
    "Result": "结果",
    "pass": "通过",
    "FAIL": "失败",
    "No results: the check did not run.": "没有结果：检验未运行。",
    "Backprop's gradients agree with central finite differences (L(θ+h) − L(θ−h)) / 2h for every "
    "parameter to within a relative error of {worst} (pass below {threshold}): the chain rule was "
    "applied correctly at this point.": "反向传播的梯度与中心有限差分 (L(θ+h) − L(θ−h)) / 2h 一致：每个参数的相对误差都不超过 {worst}"
    "（低于 {threshold} 即通过），说明在这一点上链式法则应用正确。",
    "Backprop's gradients disagree with central finite differences (L(θ+h) − L(θ−h)) / 2h: "
    "{where} is off by a relative error of {worst} (pass below {threshold}), so a gradient is wrong.": "反向传播的梯度与中心有限差分 (L(θ+h) − L(θ−h)) / 2h 不一致：{where}的相对误差为 {worst}"
    "（低于 {threshold} 才通过），所以有梯度算错了。",
    "the weight {w}": "权重 {w} ",
    "a bias of layer {layer}": "第 {layer} 层的一个偏置",
    # -- gui/inspector.py ---------------------------------------------------------------------
    "Digits": "位数",
    "Digits after the decimal point (2–12)": "小数点后的位数（2–12）",
    "Copy": "复制",
    "Copy the equations as plain text": "以纯文本复制公式",
    "Copied": "已复制",
    "Sample {n}": "样本 {n}",
    "Batch of {m}": "{m} 个样本的批",
    "One sample": "单个样本",
    "Nothing selected": "未选择",
    "Click a neuron or a weight in the diagram to see its equations with the real numbers.": "点击网络图中的神经元或权重，查看代入真实数值的公式。",
    "Step one phase at a time (Shift+→) to watch each number appear: forward, loss, δ, gradients, update.": "每次前进一个阶段（Shift+→），观察每个数值依次出现：前向传播、损失、δ、梯度、权重更新。",
    "Pick a sample above the diagram to follow one sample; otherwise the inspector shows the batch.": "在网络图上方选择一个样本以跟踪单个样本；否则检查器显示整批数据。",
    "Cannot show this selection: {msg}": "无法显示所选内容：{msg}",
    # -- gui/plots.py -------------------------------------------------------------------------
    "epoch": "轮次",
    "loss": "损失",
    "training loss": "训练损失",
    "accuracy (right axis)": "准确率（右轴）",
    "Per e&poch": "按轮次(&P)",
    "Plot one point per epoch (the epoch's mean) instead of one per step": "每个轮次画一个点（该轮次的均值），而不是每步一个点",
    "L&og scale": "对数刻度(&O)",
    "Logarithmic loss axis; zero, negative and non-finite losses are not drawn": "对数损失轴；零、负值和非有限的损失不画出",
    "Tra&ining loss": "训练损失(&I)",
    "Also draw the loss that backprop differentiates (e.g. ½·MSE) when it differs from the reported one": "当反向传播求导的损失（如 ½·MSE）与报告的损失不同时，也画出它",
    "The training loss is recorded per step only": "训练损失只按步记录",
    "Accurac&y": "准确率(&Y)",
    "Draw the accuracy per epoch on a 0–1 axis on the right": "在右侧 0–1 轴上按轮次画出准确率",
    "Fit": "全览",
    "Zoom to show the whole history and follow new values": "缩放到显示全部历史，并跟随新值",
    "Network output": "网络输出",
    "data": "数据",
    "data, coloured by its target y": "数据（按真实值 y 着色）",
    "network output": "网络输出",
    "class {c}": "类别 {c}",
    "P(class 1)": "P(类别 1)",
    "score": "得分",
    "prediction": "预测值",
    "selected sample": "选中的样本",
    "‖∂L/∂W(l)‖ per layer": "各层的 ‖∂L/∂W(l)‖",
    "‖δ(l)‖ per layer": "各层的 ‖δ(l)‖",
    "norm (log scale)": "范数（对数刻度）",
    "‖∂L/∂W‖ per step": "每步的 ‖∂L/∂W‖",
    "The norm of each layer's weight gradient at every training step": "每个训练步中各层权重梯度的范数",
    "‖δ‖ per snapshot": "每个快照的 ‖δ‖",
    "The norm of each layer's local error δ = ∂L/∂z, sampled when the view is refreshed": "各层局部误差 δ = ∂L/∂z 的范数，在视图刷新时采样",
    "layer": "层",
    "{l} (output)": "{l}（输出层）",
    "Saturated / dead": "饱和 / 死亡",
    "Per layer, the fraction of sigmoid/tanh units that are saturated (f′ ≈ 0) or of ReLU units that are dead "
    "(z ≤ 0 for every sample). The output layer's bar is grey: a saturated output is a confident prediction, "
    "not a stuck unit.": "每层中处于饱和状态（f′ ≈ 0）的 sigmoid/tanh 神经元比例，或处于死亡状态（对每个样本 z ≤ 0）的 ReLU "
    "神经元比例。输出层的条形为灰色：饱和的输出是有把握的预测，而不是卡住的神经元。",
    "layer {l} · {act}": "第 {l} 层 · {act}",
    "{pct}% saturated": "{pct}% 饱和",
    "{pct}% dead": "{pct}% 死亡",
    "cannot saturate": "不会饱和",
    # -- gui/worker.py ------------------------------------------------------------------------
    "Paused": "已暂停",
    "Paused to look back in time": "已暂停以回看历史",
    "Stopped: another session was loaded": "已停止：加载了另一个会话",
    "No session is loaded": "未加载会话",
    "Loaded the preset {name}": "已加载预设 {name}",
    "Loaded the session {name}": "已加载会话 {name}",
    "The weights were re-initialised; the settings are kept": "权重已重新初始化；设置保持不变",
    "The network was rebuilt for the new {what}: the weights were re-initialised": "已按新的{what}重建网络：权重已重新初始化",
    "architecture": "网络结构",
    "settings": "设置",
    "Resumed from step {step}; the later steps were discarded": "已从第 {step} 步继续；之后的步已丢弃",
    "No recorded step at or before step {step}": "第 {step} 步及之前没有记录的步",
    "Viewing step {step} (recorded); training is unchanged": "正在查看第 {step} 步（记录）；训练不受影响",
    "Already at the first phase of this step": "已经处于本步的第一个阶段",
    "Learning rate set to {lr:g}": "学习率已设为 {lr:g}",
    "Loss set to {name}": "损失函数已设为 {name}",
    "Optimizer set to {name}": "优化器已设为 {name}",
    "Batch size set to {size}": "批大小已设为 {size}",
    "full batch": "全批量",
    "W({layer})[{i},{j}] set to {value:g}": "W({layer})[{i},{j}] 已设为 {value:g}",
    "b({layer})[{j}] set to {value:g}": "b({layer})[{j}] 已设为 {value:g}",
    "Breakpoints: {what}": "断点：{what}",
    "none": "无",
    "Saved the session to {path}": "会话已保存到 {path}",
    "layer must be between 1 and {L}, got {layer}": "层号必须在 1 到 {L} 之间，实际为 {layer}",
    "{what} index {k} is out of range (0 … {n})": "{what} 索引 {k} 超出范围（0 … {n}）",
    "the value must be a finite number, got {value!r}": "数值必须是有限数，实际为 {value!r}",
    "the speed must be a number of steps per second ≥ 0 (0 = as fast as possible), got {value!r}": "速度必须是每秒步数 ≥ 0（0 = 尽可能快），实际为 {value!r}",
    "the batch size must be a whole number ≥ 1 (or 0 / empty for full batch), got {value!r}": "批大小必须是 ≥ 1 的整数（0 或留空表示全批量），实际为 {value!r}",
    "load_session needs a session or a file path, got {kind}": "load_session 需要会话或文件路径，实际为 {kind}",
    'the changes must be an object such as {{"architecture": {{...}}}}, got {kind}': '更改必须是形如 {{"architecture": {{...}}}} 的对象，实际为 {kind}',
    "cannot rebuild with {key!r}; the keys are: {keys}": "无法用 {key!r} 重建；可用的键为：{keys}",
    "the {what} must be an object with a 'name', got {kind}": "{what} 必须是带有 'name' 的对象，实际为 {kind}",
    "the training process stopped unexpectedly (exit code {code}); load a preset or a session to start it again": "训练进程意外停止（退出码 {code}）；请加载预设或会话以重新启动",
    "could not start the training process ({reason}); training runs in this process": "无法启动训练进程（{reason}）；训练改在本进程中运行",
    "cannot send {what} to the training process: {reason}": "无法将 {what} 发送到训练进程：{reason}",
    "Training continues from step {step} in a new training process": "训练在新的训练进程中从第 {step} 步继续",
    "{name} cannot be used here: {reason}": "此处不能使用 {name}：{reason}",
    "{what} must be a whole number, got {value!r}": "{what} 必须是整数，实际为 {value!r}",
    "{what} must be text, got {kind}": "{what} 必须是文本，实际为 {kind}",
    "the training worker has no command {name!r}": "训练工作器没有命令 {name!r}",
    "{name} takes {n} argument(s), got {k}": "{name} 需要 {n} 个参数，实际为 {k} 个",
    "{what} failed: {error}": "{what} 失败：{error}",
    "The training process stopped unexpectedly (exit code {code}); a new one continues from step {step} with the "
    "latest weights and settings": "训练进程意外停止（退出码 {code}）；新的训练进程以最新的权重和设置从第 {step} 步继续",
    "The training process ended with exit code {code} (a negative code is the signal that ended it). A new "
    "training process was started with the session the window shows: the weights of step {step} and the current "
    "settings. The optimizer's state (momentum, Adam's moments) and the order of the mini-batches start afresh.": (
        "训练进程以退出码 {code} 结束（负数表示结束它的信号）。已按窗口显示的会话启动了新的训练进程："
        "第 {step} 步的权重和当前设置。优化器的状态（动量、Adam 的矩估计）和小批量的顺序重新开始。"
    ),
    # -- gui/notice.py ------------------------------------------------------------------------
    "Details…": "详情…",
    "Show what went wrong in full, to copy into a bug report": "显示完整的出错信息，可复制到错误报告中",
    "Dismiss this notice": "关闭此提示",
    "Dismiss": "关闭",
    "What went wrong": "出错信息",
    "Use γ = {lr}": "使用 γ = {lr}",
    "Training diverged at step {step}: a smaller learning rate should help.": "训练在第 {step} 步发散：较小的学习率应能解决。",
    "Set the learning rate to {new} (it was {old}); the weights stay as they are": "将学习率设为 {new}（原为 {old}）；权重保持不变",
    "Past step {step} (epoch {epoch}, live: step {live})   Loss {loss}": "过去的第 {step} 步（轮次 {epoch}，实时：第 {live} 步）   损失 {loss}",
    # -- gui/loss_gallery.py ------------------------------------------------------------------
    "Loss functions": "损失函数",
    "Chinese": "中文",
    "Task": "任务",
    "Lecture's note": "课程要点",
    "Formula": "公式",
    "Gradient ∂L/∂ŷ": "梯度 ∂L/∂ŷ",
    "regression": "回归",
    "classification": "分类",
    "{kind} · metric": "{kind} · 评估指标",
    "A metric: reported during training but never differentiated, so it is not drawn.": "评估指标：训练时会报告，但从不求导，所以不画出。",
    "Regression": "回归",
    "error e = y − ŷ   (one sample, y = 0)": "误差 e = y − ŷ   （单个样本，y = 0）",
    "loss L": "损失 L",
    "gradient ∂L/∂ŷ": "梯度 ∂L/∂ŷ",
    "Classification": "分类",
    "p = predicted probability of the true class (y = 1)": "p = 真实类别的预测概率（y = 1）",
    "hinge only: score s = ln(p / (1 − p))": "仅用于合页损失：得分 s = ln(p / (1 − p))",
    "&Gradient ∂L/∂ŷ": "梯度 ∂L/∂ŷ(&G)",
    "Draw ∂L/∂ŷ, what backprop sends back, instead of L: MSE's grows with the error while "
    "MAE's stays ±1, so one outlier cannot dominate an MAE or Huber fit.": "画出反向传播传回的 ∂L/∂ŷ，而不是 L：MSE 的梯度随误差增大，而 MAE 的梯度始终为 ±1，"
    "所以单个异常值无法主导 MAE 或 Huber 的拟合。",
    "&Log scale": "对数刻度(&L)",
    "Logarithmic loss axis (10⁻³ to 10); zeros are not drawn": "对数损失轴（10⁻³ 到 10）；零值不画出",
    "&Huber δ": "Huber 损失 δ(&H)",
    "Huber's δ: quadratic (MSE-like) for |e| ≤ δ, linear (MAE-like) beyond. Shrink it to watch "
    "Huber turn from MSE-like to MAE-like.": "Huber 损失的 δ：|e| ≤ δ 时为二次（类似 MSE），超出后为线性（类似 MAE）。"
    "减小 δ，观察 Huber 损失从类似 MSE 变为类似 MAE。",
    "&Quantile q": "分位数 q(&Q)",
    "Under-prediction (e > 0) costs q per unit, over-prediction 1 − q; q = 0.5 is MAE / 2.": "预测偏低（e > 0）每单位代价为 q，预测偏高为 1 − q；q = 0.5 时等于 MAE / 2。",
    "&Focal γ": "焦点损失 γ(&F)",
    "Focal loss's γ: the larger, the less an already well-classified sample (p near 1) counts; "
    "γ = 0 is binary cross-entropy.": "焦点损失的 γ：γ 越大，已被正确分类的样本（p 接近 1）所占的分量越小；γ = 0 即二元交叉熵。",
    "&Smoothing ε": "平滑系数 ε(&S)",
    "Label smoothing's ε: the target becomes (1 − ε/2, ε/2) for two classes, so the loss is "
    "smallest before p = 1: it discourages over-confidence.": "标签平滑的 ε：两个类别时目标变为 (1 − ε/2, ε/2)，因此损失在 p = 1 之前就达到最小：它抑制过度自信。",
    "{name} (= MAE here)": "{name}（此处 = MAE）",
    "{name} (= BCE here)": "{name}（此处 = BCE）",
    "{name} (= CE here)": "{name}（此处 = CE）",
    "{name} (vs score s, top axis)": "{name}（横轴为得分 s，见上方坐标轴）",
    "Every curve is computed by the program's own loss code, one sample at a time. "
    "Select a loss to see its formulas and highlight its curve; change δ, q, γ or ε to watch "
    "the curves move.": "每条曲线都由程序自己的损失函数代码逐个样本计算。选择一个损失函数可查看其公式并突出显示其曲线；"
    "改变 δ、q、γ 或 ε 可观察曲线如何变化。",
    "Drawn in the upper plot, for one sample with y = 0 and ŷ = −e.": "画在上方的图中：单个样本，y = 0，ŷ = −e。",
    "Drawn in the upper plot: for one sample RMSE = √(e²) = |e|, the same curve as MAE.": "画在上方的图中：对单个样本 RMSE = √(e²) = |e|，与 MAE 是同一条曲线。",
    "Drawn in the lower plot, for one sample of the true class: y = 1, ŷ = p.": "画在下方的图中：真实类别的单个样本，y = 1，ŷ = p。",
    "Drawn in the lower plot, for one sample over two classes: y = (1, 0), ŷ = (p, 1 − p).": "画在下方的图中：两个类别上的单个样本，y = (1, 0)，ŷ = (p, 1 − p)。",
    "Drawn in the lower plot, for y = (1, 0), ŷ = (p, 1 − p): with a one-hot y, KL equals "
    "cross-entropy, since the entropy of y is 0.": "画在下方的图中，y = (1, 0)，ŷ = (p, 1 − p)：y 为独热编码时其熵为 0，所以 KL 散度等于交叉熵。",
    "Drawn in the lower plot against the score s = ln(p / (1 − p)) of the top axis, "
    "the raw output that a sigmoid would turn into p, with y = +1.": "画在下方的图中，横轴为上方坐标轴的得分 s = ln(p / (1 − p))，即经 sigmoid 后变为 p 的原始输出，y = +1。",
    "A metric, reported but never trained on: not drawn.": "评估指标，只报告、不用于训练：不画出。",
    "Not applied: {msg}": "未应用：{msg}",
    # the lecture's one line per loss (model/losses.py ``note``), shown by the loss gallery
    "most sensitive to large errors (grows fastest); the usual regression loss": "对大误差最敏感（增长最快）；最常用的回归损失",
    "grows linearly; robust to outliers; easy to interpret": "线性增长；对异常值鲁棒；易于解释",
    "MSE for small errors, MAE for large ones; balances the two": "小误差时像 MSE，大误差时像 MAE；兼顾两者",
    "like MSE but smoother; insensitive to outliers; more expensive to compute": "类似 MSE 但更平滑；对异常值不敏感；计算开销更大",
    "asymmetric; for quantile regression (e.g. the 90% quantile)": "不对称；用于分位数回归（如 90% 分位数）",
    "square root of MSE; in the units of the target": "MSE 的平方根；与真实值的单位相同",
    "average signed bias; rarely used for training": "带符号的平均偏差；很少用于训练",
    "binary classification": "二分类",
    "multi-class standard, used with softmax": "多分类的标准损失，与 softmax 配合使用",
    "spreads ε of the probability uniformly over the classes; fights over-fitting and over-confidence": "把 ε 的概率均匀分给各个类别；抑制过拟合和过度自信",
    "down-weights easy examples; for class imbalance (object detection)": "降低易分样本的权重；用于类别不平衡（目标检测）",
    "the difference between two distributions; generative models": "衡量两个分布之间的差异；用于生成模型",
    "penalises wrong and unconfident predictions; SVMs": "惩罚错误和不够自信的预测；用于支持向量机 (SVM)",
    "fraction of samples classified correctly; a metric, not a training loss": "分类正确的样本比例；是评估指标，不是训练损失",
    # -- gui/main_window.py: status bar, timeline, action tips
    "Epoch {epoch}   Step {step}   Loss {loss}": "轮次 {epoch}   步数 {step}   损失 {loss}",
    "accuracy {acc}": "准确率 {acc}",
    "Timeline:": "时间轴：",
    "Run or pause training (Space)": "运行或暂停训练（Space）",
    "One whole training step (→ or N)": "完整的一个训练步（→ 或 N）",
    "One phase of the step: forward, loss, δ, gradients, update (Shift+→)": "训练步中的一个阶段：前向传播、损失、δ、梯度、权重更新（Shift+→）",
    "Look at the previous phase of this step (Shift+←)": "查看本步的上一个阶段（Shift+←）",
    "Re-initialise the weights (R)": "重新初始化权重（R）",
    "Compare backprop with finite differences (G)": "用有限差分检验反向传播的梯度（G）",
    "Viewing step {step} — drag the timeline or press “Back to live”": "正在查看第 {step} 步 — 拖动时间轴，或按“回到实时”",
    "step {step}": "步数 {step}",
    "viewing step {step} / {last}": "查看第 {step} / {last} 步",
    "Loss functions…": "损失函数一览…",
    # -- gui/i18n.py phase_title: the phases of a training step
    "Forward: z({l}) and a({l}) of the output layer": "前向传播：输出层的 z({l}) 与 a({l})",
    "Forward: z({l}) and a({l}) of hidden layer {l}": "前向传播：隐藏层 {l} 的 z({l}) 与 a({l})",
    "Loss: compare the prediction with the target": "损失：比较预测值与真实值",
    "Backward: δ({l}) of the output layer": "反向传播：输出层的 δ({l})",
    "Backward: δ({l}) of hidden layer {l}": "反向传播：隐藏层 {l} 的 δ({l})",
    "Gradients: ∂L/∂W({l}) and ∂L/∂b({l})": "梯度：∂L/∂W({l}) 与 ∂L/∂b({l})",
    "Update: w ← w − γ·∂L/∂w": "权重更新：w ← w − γ·∂L/∂w",
    # -- presentation mode and themes (main_window.py, written with self.tr) ----------------------
    "Presentation mode": "演示模式",
    "Large, high-contrast view for a projector; Esc leaves (F5)": "适合投影仪的大字号高对比度视图；按 Esc 退出（F5）",
    "Leave presentation mode": "退出演示模式",
    "Zoom in": "放大",
    "Zoom out": "缩小",
    "Actual size": "实际大小",
    "Theme": "主题",
    "Follow the system": "跟随系统",
    "Light": "浅色",
    "Dark": "深色",
    "High contrast": "高对比度",
    "Zoom {percent} %": "缩放 {percent} %",
    # CSV import off the GUI thread (gui/csv_import.py, files)
    "Reading {name}…": "正在读取 {name}…",
    "Cancel": "取消",
    "Load CSV data": "加载 CSV 数据",
    "Still reading {name}: cancel it first.": "仍在读取 {name}：请先取消。",
    "Not enough memory to read {name}.": "内存不足，无法读取 {name}。",
    # -- files, exports, settings, shortcuts (gui/session_files.py, exports.py, shortcuts.py; sessions)
    "&New session": "新建会话(&N)",
    "A new session from the preset in use, with fresh weights": "用当前预设新建会话，权重重新初始化",
    "&Open…": "打开(&O)…",
    "Open a session (.json) or a data file (.csv)": "打开会话（.json）或数据文件（.csv）",
    "&Save": "保存(&S)",
    "Save the session with its history": "保存会话及其训练历史",
    "Save &as…": "另存为(&A)…",
    "Save the session to a new file": "把会话保存到新文件",
    "New from &preset": "从预设新建(&P)",
    "Open &recent": "最近打开(&R)",
    "No recent files": "没有最近打开的文件",
    "Clear the list": "清空列表",
    "untitled": "未命名",
    "The session “{name}” has changes that are not saved.": "会话“{name}”有尚未保存的更改。",
    "Save them first?": "要先保存吗？",
    "Open a session or data": "打开会话或数据",
    "Sessions and data (*.json *.csv *.tsv *.txt);;Sessions (*.json);;Data (*.csv *.tsv *.txt)": (
        "会话与数据 (*.json *.csv *.tsv *.txt);;会话 (*.json);;数据 (*.csv *.tsv *.txt)"
    ),
    "All files (*)": "所有文件 (*)",
    "Save the session as": "会话另存为",
    "Sessions (*.json)": "会话 (*.json)",
    "{path} no longer exists; it is taken off the recent files.": "{path} 已不存在，已从最近打开的文件中移除。",
    "Cannot open {path}: there is no such file.": "无法打开 {path}：文件不存在。",
    "The autosave failed: {reason}": "自动保存失败：{reason}",
    "Backprop Studio did not close normally last time.": "反向传播工作室上次没有正常关闭。",
    "Restore the session “{name}” at step {step}, saved automatically at {time}?": (
        "要恢复会话“{name}”（第 {step} 步，{time} 自动保存）吗？"
    ),
    "Restore the session “{name}”, saved automatically at {time}?": "要恢复会话“{name}”（{time} 自动保存）吗？",
    "Restore": "恢复",
    "&Export": "导出(&E)",
    "Export": "导出",
    "&Diagram": "网络图(&D)",
    "Network diagram": "网络图",
    "As PNG picture…": "PNG 图片…",
    "As SVG (vectors, for slides)…": "SVG 矢量图（用于幻灯片）…",
    "As CSV table…": "CSV 表格…",
    "Loss history per step (CSV)…": "每步的损失历史（CSV）…",
    "Loss per epoch (CSV)…": "每轮次的损失（CSV）…",
    "Step trace (JSONL)…": "单步跟踪（JSONL）…",
    "Step trace (CSV)…": "单步跟踪（CSV）…",
    "Step trace": "单步跟踪",
    "Training steps to trace:": "要跟踪的训练步数：",
    "Handout (PDF)…": "讲义（PDF）…",
    "Python script (numpy)…": "Python 脚本（numpy）…",
    "Python script (PyTorch)…": "Python 脚本（PyTorch）…",
    "Window screenshot (PNG)…": "窗口截图（PNG）…",
    "Show everything": "显示全部",
    "Exported {path}": "已导出 {path}",
    "Export failed: {reason}": "导出失败：{reason}",
    "There is nothing to draw yet.": "还没有可以绘制的内容。",
    "Cannot encode the picture as PNG.": "无法把图片编码为 PNG。",
    "Backprop Studio handout: {name}": "反向传播工作室讲义：{name}",
    "Network {sizes} ({activations})": "网络 {sizes}（{activations}）",
    "Loss: {loss} · Optimizer: {optimizer} · {batch}": "损失函数：{loss} · 优化器：{optimizer} · {batch}",
    "full batch of {m}": "全批量 {m} 个样本",
    "mini-batches of {b}": "小批量，每批 {b} 个样本",
    "After {step} steps ({epoch} epochs): loss {value}": "训练 {step} 步（{epoch} 个轮次）后：损失 {value}",
    "One training step": "一个训练步",
    "Sample {n} of the batch of {m} is shown, as when the inspector shows that sample.": (
        "这里展示批中 {m} 个样本里的第 {n} 个，与检查器选中该样本时一致。"
    ),
    "One training step, phase by phase: step {step} from the weights above, with the numbers as the inspector "
    "shows them.": "逐阶段展示一个训练步：从上面的权重出发的第 {step} 步，数值与检查器中显示的一致。",
    "… and {n} more: select them in the inspector to see their equations.": "…… 另有 {n} 项：在检查器中选中即可查看其公式。",
    "Keyboard shortcuts": "键盘快捷键",
    "Every keyboard shortcut of the window (F1)": "窗口中的全部键盘快捷键（F1）",
    "Menu": "菜单",
    "Action": "操作",
    "Keys": "按键",
    "What it does": "作用",
    "Other": "其他",
    "Language": "语言",
    "Output and gradients": "输出与梯度",
    "Neurons in hidden layer {}": "隐藏层 {} 的神经元数",
    "Equations of the selected neuron or weight": "所选神经元或权重的公式",
    "No neuron or weight selected. Ctrl + the arrow keys walk the neurons; Enter edits the selected value.": (
        "未选中神经元或权重。Ctrl + 方向键在神经元之间移动；Enter 编辑所选的值。"
    ),
    "Fixed colour scale, ±": "固定色标，±",
    "Regression losses against the error": "回归损失随误差的变化",
    "Classification losses against the predicted probability of the true class": "分类损失随真实类别预测概率的变化",
    "The losses, their formulas and values": "各损失函数的公式与数值",
    "The interface language changes when Backprop Studio starts again.": "界面语言将在反向传播工作室下次启动时切换。",
}


def set_language(lang: str) -> None:
    """Choose the interface language: ``"en"`` or ``"zh"`` (``"zh_CN"`` etc. count as ``"zh"``)."""
    global _language
    _language = _normalise(lang)


def language() -> str:
    """The current interface language, ``"en"`` or ``"zh"``."""
    return _language


def lookup(table: dict):
    """A module's ``_t(key, *args, **fields)``: the current language's template for ``key``, formatted.

    The template is translated first and formatted after, so a translation can reorder fields.
    """

    def _t(key, /, *args, **fields):
        text = tr(table[key])
        return text.format(*args, **fields) if (args or fields) else text

    return _t


def phase_title(phase) -> str:
    """A training phase in words, in the current language (``model.trainer.Phase``)."""
    l, n = phase.layer, phase.values.get("n_layers", 0)
    output = bool(n) and l == n
    if phase.kind == "forward":
        text = (
            tr("Forward: z({l}) and a({l}) of the output layer")
            if output
            else tr("Forward: z({l}) and a({l}) of hidden layer {l}")
        )
    elif phase.kind == "loss":
        text = tr("Loss: compare the prediction with the target")
    elif phase.kind == "delta":
        text = tr("Backward: δ({l}) of the output layer") if output else tr("Backward: δ({l}) of hidden layer {l}")
    elif phase.kind == "gradient":
        text = tr("Gradients: ∂L/∂W({l}) and ∂L/∂b({l})")
    elif phase.kind == "update":
        text = tr("Update: w ← w − γ·∂L/∂w")
    else:
        return phase.title
    return text.format(l=l)


def tr(text: str) -> str:
    """The current language's version of ``text`` (English text is the key)."""
    if _language == "zh":
        return ZH.get(text, text)
    return text


def mnemonic(text: str, letter: str) -> str:
    """``text`` with an Alt+``letter`` mnemonic: on that letter if it has one, else ``text(&L)`` as Chinese UIs do."""
    i = text.lower().find(letter.lower())
    if i >= 0:
        return text[:i] + "&" + text[i:]
    return f"{text}(&{letter.upper()})"


_qt_translator = None  # installTranslator() does not take ownership: keep a reference


_table_translator = None


def install_qt_translations(app) -> bool:
    """In Chinese, also translate Qt's own texts (Close, OK, Cancel, the file dialog); True if installed.

    Strings written with ``self.tr()`` / ``QCoreApplication.translate`` are looked up in :data:`ZH`
    too, until the Qt Linguist files replace this table.
    """
    global _qt_translator, _table_translator
    if _language != "zh":
        return False
    if _qt_translator is not None:
        return True
    from PySide6.QtCore import QLibraryInfo, QTranslator

    class _Table(QTranslator):  # a bridge: Qt's tr() reads the hand-written table
        def translate(self, context, source, disambiguation=None, n=-1):
            return ZH.get(source)  # None: not ours, ask the next translator

        def isEmpty(self):
            return False

    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_zh_CN", path):
        return False
    app.installTranslator(translator)
    _qt_translator = translator
    _table_translator = _Table(app)
    app.installTranslator(_table_translator)
    return True


def remove_qt_translations(app) -> None:
    """Undo :func:`install_qt_translations` (tests switch the language back)."""
    global _qt_translator, _table_translator
    for translator in (_qt_translator, _table_translator):
        if translator is not None:
            app.removeTranslator(translator)
    _qt_translator = _table_translator = None

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Run until (breakpoints)</source>
        <translation>运行至（断点）</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Loss function</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Custom session</source>
        <translation>自定义会话</translation>
    </message>
    <message>
        <source>Load a ready-made lecture example. Choosing the current preset again reloads it.</source>
        <translation>加载现成的课堂示例。再次选择当前预设会重新加载它。</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Step phase</source>
        <translation>下一阶段</translation>
    </message>
    <message>
        <source>Back a phase</source>
        <translation>上一阶段</translation>
    </message>
    <message>
        <source>Phase keys: Shift+← and Shift+→</source>
        <translation>阶段快捷键：Shift+← 与 Shift+→</translation>
    </message>
    <message>
        <source>Compare side by side</source>
        <translation>并排比较</translation>
    </message>
    <message>
        <source>The network and data both sides start from</source>
        <translation>两侧共同的起点：网络与数据</translation>
    </message>
    <message>
        <source>The main window&apos;s session</source>
        <translation>主窗口的会话</translation>
    </message>
    <message>
        <source>Suggested:</source>
        <translation>推荐：</translation>
    </message>
    <message>
        <source>Compare {a} with {b}</source>
        <translation>比较 {a} 与 {b}</translation>
    </message>
    <message>
        <source>What differs</source>
        <translation>不同之处</translation>
    </message>
    <message>
        <source>The one setting that differs between the two sides; everything else is the same</source>
        <translation>两侧唯一不同的设置；其余完全相同</translation>
    </message>
    <message>
        <source>Side A</source>
        <translation>A 侧</translation>
    </message>
    <message>
        <source>Side B</source>
        <translation>B 侧</translation>
    </message>
    <message>
        <source>The setting of side {side}; changing it restarts this side only</source>
        <translation>{side} 侧的设置；修改后只重新开始这一侧</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Train both sides together; press again to pause (Space)</source>
        <translation>两侧同时训练；再按一次暂停（Space）</translation>
    </message>
    <message>
        <source>One training step on each side (→ or N)</source>
        <translation>两侧各执行一个训练步（→ 或 N）</translation>
    </message>
    <message>
        <source>Both sides back to the same initial weights (R)</source>
        <translation>两侧都回到相同的初始权重（R）</translation>
    </message>
    <message>
        <source>Training steps per second on each side while running</source>
        <translation>运行时每侧每秒执行的训练步数</translation>
    </message>
    <message>
        <source>Loss of both sides</source>
        <translation>两侧的损失</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>{label}: step {step:,}, loss {loss}</source>
        <translation>{label}：第 {step:,} 步，损失 {loss}</translation>
    </message>
    <message>
        <source>{label}: {message}</source>
        <translation>{label}: {message}</translation>
    </message>
    <message>
        <source>The two sides measure different losses: compare the shapes and the outputs, not the heights.</source>
        <translation>两侧衡量的是不同的损失：请比较曲线形状和输出，而不是高低。</translation>
    </message>
    <message>
        <source>Choose what differs and the two values; both sides start from the same weights and data.</source>
        <translation>选择不同之处及其两个取值；两侧从相同的权重和数据出发。</translation>
    </message>
    <message>
        <source>Output of side {side}: {label}</source>
        <translation>{side} 侧的输出：{label}</translation>
    </message>
    <message>
        <source>Show everything</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Save the comparison as a PNG picture…</source>
        <translation>将比较保存为 PNG 图片…</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Saved the comparison to {path}</source>
        <translation>比较已保存到 {path}</translation>
    </message>
    <message>
        <source>Close</source>
        <extracomment>learning rates offered in the box&apos;s arrows (any value can be typed)</extracomment>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Re-initialise the weights and start again (R)</source>
        <translation>重新初始化权重并从头开始（R）</translation>
    </message>
    <message>
        <source>One whole training step: forward, loss, backward, update (N or →)</source>
        <translation>完整的一个训练步：前向传播、损失、反向传播、权重更新（N 或 →）</translation>
    </message>
    <message>
        <source>Advance one phase of the training step: one layer forward, the loss, one layer&apos;s δ or gradient, or the update (Shift+→)</source>
        <translation>将训练步推进一个阶段：一层的前向传播、损失、一层的 δ 或梯度，或权重更新（Shift+→）</translation>
    </message>
    <message>
        <source>Go back one phase of the current step (Shift+←)</source>
        <translation>回到当前训练步的上一个阶段（Shift+←）</translation>
    </message>
    <message>
        <source>Train continuously; press again to pause (Space)</source>
        <translation>连续训练；再按一次暂停（Space）</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>How many training steps per second while running</source>
        <translation>运行时每秒执行的训练步数</translation>
    </message>
    <message>
        <source>{} steps/s</source>
        <translation>{} 步/秒</translation>
    </message>
    <message>
        <source>{} step/s</source>
        <translation>{} 步/秒</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <source>Side by side (View → Compare, Ctrl+K): {pairs}</source>
        <translation>并排比较（视图 → 并排比较，Ctrl+K）：{pairs}</translation>
    </message>
    <message>
        <source>Epoch 0 · Step 0
Loss —</source>
        <translation>轮次 0 · 步数 0
损失 —</translation>
    </message>
    <message>
        <source>Epoch {epoch:,} · Step {step:,}
Loss {loss}</source>
        <translation>轮次 {epoch:,} · 步数 {step:,}
损失 {loss}</translation>
    </message>
    <message>
        <source>Accuracy {acc:.1f} %</source>
        <translation>准确率 {acc:.1f} %</translation>
    </message>
    <message>
        <source>{rate} steps/s</source>
        <translation>{rate} 步/秒</translation>
    </message>
    <message>
        <source>Pause at epoch</source>
        <translation>暂停于轮次</translation>
    </message>
    <message>
        <source>Pause when this epoch is reached</source>
        <translation>到达该轮次时暂停</translation>
    </message>
    <message>
        <source>Pause when loss &lt;</source>
        <translation>暂停条件：损失 &lt;</translation>
    </message>
    <message>
        <source>Pause as soon as the loss falls below this value</source>
        <translation>损失一旦低于该值即暂停</translation>
    </message>
    <message>
        <source>Any layer&apos;s ‖∂L/∂W‖ &lt;</source>
        <translation>任一层的 ‖∂L/∂W‖ &lt;</translation>
    </message>
    <message>
        <source>Vanishing gradients (梯度消失): pause when the gradient norm of any layer falls below ε</source>
        <translation>梯度消失：任一层的梯度范数低于 ε 时暂停</translation>
    </message>
    <message>
        <source>Any layer&apos;s ‖∂L/∂W‖ &gt;</source>
        <translation>任一层的 ‖∂L/∂W‖ &gt;</translation>
    </message>
    <message>
        <source>Exploding gradients (梯度爆炸): pause when the gradient norm of any layer exceeds G</source>
        <translation>梯度爆炸：任一层的梯度范数超过 G 时暂停</translation>
    </message>
    <message>
        <source>(vanishing)</source>
        <translation>（梯度消失）</translation>
    </message>
    <message>
        <source>(exploding)</source>
        <translation>（梯度爆炸）</translation>
    </message>
    <message>
        <source>Always pauses if the loss becomes NaN or infinite.</source>
        <translation>损失变为 NaN 或无穷大时总会暂停。</translation>
    </message>
    <message>
        <source>Learning rate γ</source>
        <translation>学习率 γ</translation>
    </message>
    <message>
        <source>Learning rate γ (学习率): the step size of w ← w − γ·∂L/∂w. The slider is logarithmic, from 0.00001 to 10; type an exact value in the box (e.g. 0.1 or 3e-4).</source>
        <translation>学习率 γ：w ← w − γ·∂L/∂w 中的步长。滑块为对数刻度，范围 0.00001 到 10；可在输入框中键入精确值（如 0.1 或 3e-4）。</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Learning-rate schedule: how γ changes from step to step, starting from the learning rate above (γ₀). The loss curve draws it along its bottom.</source>
        <translation>学习率调度：γ 如何随训练步变化，从上面的学习率（γ₀）开始。损失曲线沿其底部画出它。</translation>
    </message>
    <message>
        <source>γ now = {lr} (step {step:,})</source>
        <translation>当前 γ = {lr}（第 {step:,} 步）</translation>
    </message>
    <message>
        <source>The learning rate of the next step</source>
        <translation>下一步的学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>Samples per training step (批大小); Full batch uses every sample in each step</source>
        <translation>每个训练步使用的样本数（批大小）；全批量表示每一步都使用全部样本</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Custom data</source>
        <translation>自定义数据</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Random seed: the same seed draws the same points</source>
        <translation>随机种子：相同的种子生成相同的数据点</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Number of points</source>
        <translation>数据点的数量</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Standard deviation of the Gaussian noise</source>
        <translation>高斯噪声的标准差</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Number of classes</source>
        <translation>类别的数量</translation>
    </message>
    <message>
        <source>Load &amp;CSV…</source>
        <translation>加载 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Train on your own table: the last column is the target</source>
        <translation>用你自己的表格训练：最后一列是真实值（标签值）</translation>
    </message>
    <message>
        <source>Load a CSV data set</source>
        <translation>加载 CSV 数据集</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Changing the data or the architecture re-initialises the weights.</source>
        <translation>更改数据或网络结构会重新初始化权重。</translation>
    </message>
    <message>
        <source>Inputs: {n_in} · Outputs: {n_out} (fixed by the data)</source>
        <translation>输入：{n_in} · 输出：{n_out}（由数据决定）</translation>
    </message>
    <message>
        <source>Hidden layers: neurons, activation</source>
        <translation>隐藏层：神经元数、激活函数</translation>
    </message>
    <message>
        <source>No hidden layer: the inputs feed the output layer directly.</source>
        <translation>没有隐藏层：输入直接送入输出层。</translation>
    </message>
    <message>
        <source>H{}</source>
        <translation>H{}</translation>
    </message>
    <message>
        <source>Neurons in hidden layer {} (1–1024)</source>
        <translation>隐藏层 {} 的神经元数（1–1024）</translation>
    </message>
    <message>
        <source>Neurons in hidden layer {}</source>
        <translation>隐藏层 {} 的神经元数</translation>
    </message>
    <message>
        <source>Activation function of hidden layer {}</source>
        <translation>隐藏层 {} 的激活函数</translation>
    </message>
    <message>
        <source>Remove hidden layer {}</source>
        <translation>删除隐藏层 {}</translation>
    </message>
    <message>
        <source>Add hidden &amp;layer</source>
        <translation>添加隐藏层(&amp;L)</translation>
    </message>
    <message>
        <source>Append a hidden layer before the output layer (at most {})</source>
        <translation>在输出层之前添加一个隐藏层（最多 {} 个）</translation>
    </message>
    <message>
        <source>Output activation</source>
        <translation>输出层激活函数</translation>
    </message>
    <message>
        <source>Activation function of the output layer</source>
        <translation>输出层的激活函数</translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>Init seed</source>
        <translation>初始化种子</translation>
    </message>
    <message>
        <source>Seed of the weight initialiser</source>
        <translation>权重初始化的随机种子</translation>
    </message>
    <message>
        <source>{note}
{formula}
{zh}</source>
        <translation>{note}
{formula}
{zh}</translation>
    </message>
    <message>
        <source>{} off</source>
        <translation>不使用 {}</translation>
    </message>
    <message>
        <source>Not applied: {}</source>
        <translation>未应用：{}</translation>
    </message>
    <message>
        <source>Unknown loss {!r}</source>
        <translation>未知的损失函数 {!r}</translation>
    </message>
    <message>
        <source>Lecture</source>
        <extracomment>How the initializers and the parameters&apos; choices are named in the combo boxes (their values are the keys).</extracomment>
        <translation>课程方式</translation>
    </message>
    <message>
        <source>mean</source>
        <extracomment>How a parameter&apos;s choices are named in its combo box (their values are the command line&apos;s keys).</extracomment>
        <translation>均值</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>总和</translation>
    </message>
    <message>
        <source>Controls</source>
        <extracomment>Learning-rate slider: 100 steps per decade over 10^LR_LOG_MIN … 10^LR_LOG_MAX.</extracomment>
        <translation>控制面板</translation>
    </message>
    <message>
        <source>Auto (a / δ)</source>
        <translation>自动（a / δ）</translation>
    </message>
    <message>
        <source>a  activation</source>
        <translation>a  激活值</translation>
    </message>
    <message>
        <source>z  weighted input</source>
        <translation>z  加权输入</translation>
    </message>
    <message>
        <source>δ  error ∂L/∂z</source>
        <translation>δ  误差 ∂L/∂z</translation>
    </message>
    <message>
        <source>w  weight</source>
        <translation>w  权重</translation>
    </message>
    <message>
        <source>∂L/∂w  gradient</source>
        <translation>∂L/∂w  梯度</translation>
    </message>
    <message>
        <source>&amp;Neurons:</source>
        <translation>神经元(&amp;N)：</translation>
    </message>
    <message>
        <source>E&amp;dges:</source>
        <translation>连接(&amp;D)：</translation>
    </message>
    <message>
        <source>Sa&amp;mple:</source>
        <translation>样本(&amp;M)：</translation>
    </message>
    <message>
        <source>Sho&amp;w numbers</source>
        <translation>显示数值(&amp;W)</translation>
    </message>
    <message>
        <source>Sc&amp;ale:</source>
        <translation>色标(&amp;A)：</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Fixed ±</source>
        <translation>固定 ±</translation>
    </message>
    <message>
        <source>a while computing forward, δ while going backward</source>
        <translation>前向传播时显示 a，反向传播时显示 δ</translation>
    </message>
    <message>
        <source>activation a = f(z), the neuron&apos;s output</source>
        <translation>激活值 a = f(z)，即神经元的输出</translation>
    </message>
    <message>
        <source>weighted input z = Σ w·a_prev + b</source>
        <translation>加权输入 z = Σ w·a_prev + b</translation>
    </message>
    <message>
        <source>error δ = ∂L/∂z: how much this neuron is to blame</source>
        <translation>误差 δ = ∂L/∂z：该神经元对误差应负多少责任</translation>
    </message>
    <message>
        <source>the weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>the gradients ∂L/∂w (and ∂L/∂b on the bias tabs) of the batch loss</source>
        <translation>批损失的梯度 ∂L/∂w（偏置上为 ∂L/∂b）</translation>
    </message>
    <message>
        <source>What colours the neurons: activation a, weighted input z, or error δ = ∂L/∂z</source>
        <translation>神经元的着色依据：激活值 a、加权输入 z 或误差 δ = ∂L/∂z</translation>
    </message>
    <message>
        <source>What colours the connections: the weight w or its gradient ∂L/∂w</source>
        <translation>连接的着色依据：权重 w 或其梯度 ∂L/∂w</translation>
    </message>
    <message>
        <source>Show one sample&apos;s values, or their mean over the batch</source>
        <translation>显示单个样本的值，或它们在整批上的均值</translation>
    </message>
    <message>
        <source>Print the values on the diagram (small networks only)</source>
        <translation>在网络图上显示数值（仅限小型网络）</translation>
    </message>
    <message>
        <source>Auto: the colour scale follows the largest value shown; Fixed: ± the number on the right</source>
        <translation>自动：色标随所显示的最大值变化；固定：使用右侧数值的 ±</translation>
    </message>
    <message>
        <source>Network diagram</source>
        <translation>网络图</translation>
    </message>
    <message>
        <source>No neuron or weight selected. Ctrl + the arrow keys walk the neurons; Enter edits the selected value.</source>
        <translation>未选中神经元或权重。Ctrl + 方向键在神经元之间移动；Enter 编辑所选的值。</translation>
    </message>
    <message>
        <source>Fixed colour scale, ±</source>
        <translation>固定色标，±</translation>
    </message>
    <message>
        <source>{rows} rows</source>
        <translation>{rows} 行</translation>
    </message>
    <message>
        <source>Walk the neurons</source>
        <translation>在神经元之间移动</translation>
    </message>
    <message>
        <source>Up and down within a layer, left and right across layers; a screen reader reads the values</source>
        <translation>上下键在同一层内移动，左右键跨层移动；屏幕阅读器会读出其数值</translation>
    </message>
    <message>
        <source>Edit the selected weight or bias</source>
        <translation>编辑所选的权重或偏置</translation>
    </message>
    <message>
        <source>As a double-click does; Ctrl+Z undoes it</source>
        <translation>与双击相同；Ctrl+Z 可撤销</translation>
    </message>
    <message>
        <source>Clear the selection</source>
        <translation>取消选择</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Hidden {n}</source>
        <translation>隐藏层 {n}</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>In</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>H{n}</source>
        <translation>H{n}</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>+{n} more</source>
        <translation>另有 {n} 个</translation>
    </message>
    <message>
        <source>{layer} · neuron {unit}</source>
        <translation>{layer} · 神经元 {unit}</translation>
    </message>
    <message>
        <source>Input x{sub}</source>
        <translation>输入 x{sub}</translation>
    </message>
    <message>
        <source>{n} more neurons not drawn (units {first}–{last})</source>
        <translation>另有 {n} 个神经元未画出（第 {first}–{last} 个）</translation>
    </message>
    <message>
        <source>Weight w({layer}): {src} → {dst}</source>
        <translation>权重 w({layer})：{src} → {dst}</translation>
    </message>
    <message>
        <source>{layer} neuron {unit}</source>
        <translation>{layer} 神经元 {unit}</translation>
    </message>
    <message>
        <source>input x{sub}</source>
        <translation>输入 x{sub}</translation>
    </message>
    <message>
        <source>Batch mean</source>
        <translation>批均值</translation>
    </message>
    <message>
        <source>batch mean over {m} samples</source>
        <translation>{m} 个样本的批均值</translation>
    </message>
    <message>
        <source>one sample</source>
        <translation>单个样本</translation>
    </message>
    <message>
        <source>sample {s} of {m}</source>
        <translation>样本 {s} / {m}</translation>
    </message>
    <message>
        <source>#{s}</source>
        <translation>#{s}</translation>
    </message>
    <message>
        <source>#{s}  x = ({x})</source>
        <translation>#{s}  x = ({x})</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <source>{v} (non-finite)</source>
        <translation>{v}（非有限值）</translation>
    </message>
    <message>
        <source>{v} (was {old})</source>
        <translation>{v}（原为 {old}）</translation>
    </message>
    <message>
        <source>target y = {v}</source>
        <translation>真实值 y = {v}</translation>
    </message>
    <message>
        <source>this sample&apos;s share a·δ = {v}</source>
        <translation>该样本的份额 a·δ = {v}</translation>
    </message>
    <message>
        <source>this sample&apos;s share a·δ/{m} = {v}</source>
        <translation>该样本的份额 a·δ/{m} = {v}</translation>
    </message>
    <message>
        <source>Current values · {what}</source>
        <translation>当前值 · {what}</translation>
    </message>
    <message>
        <source>step {step} · phase {k} of {n}</source>
        <translation>第 {step} 步 · 阶段 {k} / {n}</translation>
    </message>
    <message>
        <source>Neurons: {q}</source>
        <translation>神经元：{q}</translation>
    </message>
    <message>
        <source>Edges: {q}</source>
        <translation>连接：{q}</translation>
    </message>
    <message>
        <source> (fixed)</source>
        <translation>（固定）</translation>
    </message>
    <message>
        <source>non-finite (diverged)</source>
        <translation>非有限值（已发散）</translation>
    </message>
    <message>
        <source>Numbers hidden: {n} edges &gt; {max}</source>
        <translation>数值已隐藏：连接数 {n} &gt; {max}</translation>
    </message>
    <message>
        <source>Neuron numbers hidden: the circles are too small</source>
        <translation>神经元数值已隐藏：圆圈太小</translation>
    </message>
    <message>
        <source>a (activation)</source>
        <translation>a（激活值）</translation>
    </message>
    <message>
        <source>z (weighted input)</source>
        <translation>z（加权输入）</translation>
    </message>
    <message>
        <source>δ = ∂L/∂z</source>
        <translation>δ = ∂L/∂z</translation>
    </message>
    <message>
        <source>w (weight)</source>
        <translation>w（权重）</translation>
    </message>
    <message>
        <source>∂L/∂w (gradient)</source>
        <translation>∂L/∂w（梯度）</translation>
    </message>
    <message>
        <source>No network yet</source>
        <translation>尚无网络</translation>
    </message>
    <message>
        <source>unknown {what} quantity {q!r}; choose one of: {choices}</source>
        <translation>未知的 {what} 量 {q!r}；请选择其一：{choices}</translation>
    </message>
    <message>
        <source>there is no {what} {index} in this network</source>
        <translation>此网络中没有 {what} {index}</translation>
    </message>
    <message>
        <source>There is nothing to draw yet.</source>
        <extracomment>PNG exports are drawn at this multiple of the screen size (sharp on a projector or a slide). The handout spells out at most this many units (and weights) per layer and phase. A network this small is spelled out whole (the lecture&apos;s 2-3-1, the 2-2-2 worked example); a larger one through its first units and weights per layer, so that the handout stays a handout. A batch larger than this is shown through one of its samples (every sample of 32 would fill 60 pages). Most steps a trace export writes.</extracomment>
        <translation>还没有可以绘制的内容。</translation>
    </message>
    <message>
        <source>Cannot encode the picture as PNG.</source>
        <translation>无法把图片编码为 PNG。</translation>
    </message>
    <message>
        <source>… and {n} more: select them in the inspector to see their equations.</source>
        <translation>…… 另有 {n} 项：在检查器中选中即可查看其公式。</translation>
    </message>
    <message>
        <source>full batch of {m}</source>
        <translation>全批量 {m} 个样本</translation>
    </message>
    <message>
        <source>mini-batches of {b}</source>
        <translation>小批量，每批 {b} 个样本</translation>
    </message>
    <message>
        <source>Network {sizes} ({activations})</source>
        <translation>网络 {sizes}（{activations}）</translation>
    </message>
    <message>
        <source>Loss: {loss} · Optimizer: {optimizer} · {batch}</source>
        <translation>损失函数：{loss} · 优化器：{optimizer} · {batch}</translation>
    </message>
    <message>
        <source>After {step} steps ({epoch} epochs): loss {value}</source>
        <translation>训练 {step} 步（{epoch} 个轮次）后：损失 {value}</translation>
    </message>
    <message>
        <source>accuracy {acc}</source>
        <translation>准确率 {acc}</translation>
    </message>
    <message>
        <source>One training step</source>
        <translation>一个训练步</translation>
    </message>
    <message>
        <source>Backprop Studio handout: {name}</source>
        <translation>反向传播工作室讲义：{name}</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>One training step, phase by phase: step {step} from the weights above, with the numbers as the inspector shows them.</source>
        <translation>逐阶段展示一个训练步：从上面的权重出发的第 {step} 步，数值与检查器中显示的一致。</translation>
    </message>
    <message>
        <source>Sample {n} of the batch of {m} is shown, as when the inspector shows that sample.</source>
        <translation>这里展示批中 {m} 个样本里的第 {n} 个，与检查器选中该样本时一致。</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Every parameter θ is nudged to θ ± h and the loss&apos;s slope (L(θ+h) − L(θ−h)) / 2h is compared with the gradient backprop computed. Relative error = |backprop − numeric| / (|backprop| + |numeric|).</source>
        <translation>把每个参数 θ 微调为 θ ± h，用损失的斜率 (L(θ+h) − L(θ−h)) / 2h 与反向传播算出的梯度比较。相对误差 = |反向传播 − 数值| / (|反向传播| + |数值|)。</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Max rel. error W</source>
        <translation>W 最大相对误差</translation>
    </message>
    <message>
        <source>Max rel. error b</source>
        <translation>b 最大相对误差</translation>
    </message>
    <message>
        <source>Worst weight</source>
        <translation>最差的权重</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>No results: the check did not run.</source>
        <translation>没有结果：检验未运行。</translation>
    </message>
    <message>
        <source>Backprop&apos;s gradients agree with central finite differences (L(θ+h) − L(θ−h)) / 2h for every parameter to within a relative error of {worst} (pass below {threshold}): the chain rule was applied correctly at this point.</source>
        <translation>反向传播的梯度与中心有限差分 (L(θ+h) − L(θ−h)) / 2h 一致：每个参数的相对误差都不超过 {worst}（低于 {threshold} 即通过），说明在这一点上链式法则应用正确。</translation>
    </message>
    <message>
        <source>Backprop&apos;s gradients disagree with central finite differences (L(θ+h) − L(θ−h)) / 2h: {where} is off by a relative error of {worst} (pass below {threshold}), so a gradient is wrong.</source>
        <translation>反向传播的梯度与中心有限差分 (L(θ+h) − L(θ−h)) / 2h 不一致：{where}的相对误差为 {worst}（低于 {threshold} 才通过），所以有梯度算错了。</translation>
    </message>
    <message>
        <source>the weight {w}</source>
        <translation>权重 {w} </translation>
    </message>
    <message>
        <source>a bias of layer {layer}</source>
        <translation>第 {layer} 层的一个偏置</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>‖∂L/∂W(l)‖ per layer</source>
        <translation>各层的 ‖∂L/∂W(l)‖</translation>
    </message>
    <message>
        <source>‖δ(l)‖ per layer</source>
        <translation>各层的 ‖δ(l)‖</translation>
    </message>
    <message>
        <source>norm (log scale)</source>
        <translation>范数（对数刻度）</translation>
    </message>
    <message>
        <source>‖∂L/∂W‖ per step</source>
        <translation>每步的 ‖∂L/∂W‖</translation>
    </message>
    <message>
        <source>The norm of each layer&apos;s weight gradient at every training step</source>
        <translation>每个训练步中各层权重梯度的范数</translation>
    </message>
    <message>
        <source>‖δ‖ per snapshot</source>
        <translation>每个快照的 ‖δ‖</translation>
    </message>
    <message>
        <source>The norm of each layer&apos;s local error δ = ∂L/∂z, sampled when the view is refreshed</source>
        <translation>各层局部误差 δ = ∂L/∂z 的范数，在视图刷新时采样</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>{l} (output)</source>
        <translation>{l}（输出层）</translation>
    </message>
    <message>
        <source>Saturated / dead</source>
        <translation>饱和 / 死亡</translation>
    </message>
    <message>
        <source>Per layer, the fraction of sigmoid/tanh units that are saturated (f′ ≈ 0) or of ReLU units that are dead (z ≤ 0 for every sample). The output layer&apos;s bar is grey: a saturated output is a confident prediction, not a stuck unit.</source>
        <translation>每层中处于饱和状态（f′ ≈ 0）的 sigmoid/tanh 神经元比例，或处于死亡状态（对每个样本 z ≤ 0）的 ReLU 神经元比例。输出层的条形为灰色：饱和的输出是有把握的预测，而不是卡住的神经元。</translation>
    </message>
    <message>
        <source>layer {l} · {act}</source>
        <translation>第 {l} 层 · {act}</translation>
    </message>
    <message>
        <source>{name} · {status}</source>
        <translation>{name} · {status}</translation>
    </message>
    <message>
        <source>{pct}% saturated</source>
        <translation>{pct}% 饱和</translation>
    </message>
    <message>
        <source>{pct}% dead</source>
        <translation>{pct}% 死亡</translation>
    </message>
    <message>
        <source>cannot saturate</source>
        <translation>不会饱和</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>位数</translation>
    </message>
    <message>
        <source>Digits after the decimal point (2–12)</source>
        <translation>小数点后的位数（2–12）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the equations as plain text</source>
        <translation>以纯文本复制公式</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Sample {n}</source>
        <translation>样本 {n}</translation>
    </message>
    <message>
        <source>Batch of {m}</source>
        <translation>{m} 个样本的批</translation>
    </message>
    <message>
        <source>One sample</source>
        <translation>单个样本</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Equations of the selected neuron or weight</source>
        <translation>所选神经元或权重的公式</translation>
    </message>
    <message>
        <source>Click a neuron or a weight in the diagram to see its equations with the real numbers.</source>
        <translation>点击网络图中的神经元或权重，查看代入真实数值的公式。</translation>
    </message>
    <message>
        <source>Step one phase at a time (Shift+→) to watch each number appear: forward, loss, δ, gradients, update.</source>
        <translation>每次前进一个阶段（Shift+→），观察每个数值依次出现：前向传播、损失、δ、梯度、权重更新。</translation>
    </message>
    <message>
        <source>Pick a sample above the diagram to follow one sample; otherwise the inspector shows the batch.</source>
        <translation>在网络图上方选择一个样本以跟踪单个样本；否则检查器显示整批数据。</translation>
    </message>
    <message>
        <source>Cannot show this selection: {msg}</source>
        <translation>无法显示所选内容：{msg}</translation>
    </message>
    <message>
        <source>Loss functions</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Regression losses against the error</source>
        <translation>回归损失随误差的变化</translation>
    </message>
    <message>
        <source>Classification losses against the predicted probability of the true class</source>
        <translation>分类损失随真实类别预测概率的变化</translation>
    </message>
    <message>
        <source>The losses, their formulas and values</source>
        <translation>各损失函数的公式与数值</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Lecture&apos;s note</source>
        <translation>课程要点</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>Gradient ∂L/∂ŷ</source>
        <translation>梯度 ∂L/∂ŷ</translation>
    </message>
    <message>
        <source>Calculator</source>
        <translation>计算器</translation>
    </message>
    <message>
        <source>Type targets and predictions, or start from one of the lecture&apos;s examples: every loss that applies is computed by the program&apos;s own loss code.</source>
        <translation>输入真实值与预测值，或从课程中的一个例子开始：每个适用的损失函数都由程序自己的损失函数代码计算。</translation>
    </message>
    <message>
        <source>Lecture&apos;s example:</source>
        <translation>课程中的例子：</translation>
    </message>
    <message>
        <source>&amp;Regression</source>
        <translation>回归(&amp;R)</translation>
    </message>
    <message>
        <source>y_true = [3, 5, 7], y_pred = [2.5, 5, 8]</source>
        <translation>真实值 y_true = [3, 5, 7]，预测值 y_pred = [2.5, 5, 8]</translation>
    </message>
    <message>
        <source>C&amp;lassification</source>
        <translation>分类(&amp;L)</translation>
    </message>
    <message>
        <source>Y = one-hot rows [[1, 0], [0, 1], [1, 0]], P = [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]</source>
        <translation>Y = 独热编码的行 [[1, 0], [0, 1], [1, 0]]，P = [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]</translation>
    </message>
    <message>
        <source>y_&amp;true (targets):</source>
        <translation>y_true（真实值）(&amp;T)：</translation>
    </message>
    <message>
        <source>y_&amp;pred (predictions ŷ):</source>
        <translation>y_pred（预测值 ŷ）(&amp;P)：</translation>
    </message>
    <message>
        <source>y_true, the targets</source>
        <translation>y_true，真实值</translation>
    </message>
    <message>
        <source>y_pred, the predictions</source>
        <translation>y_pred，预测值</translation>
    </message>
    <message>
        <source>Numbers separated by commas or spaces; the rows of a matrix separated by ‘;’ (1, 0; 0, 1) or written as a list of lists ([[1, 0], [0, 1]]).</source>
        <translation>数字之间用逗号或空格分隔；矩阵的各行用“;”分隔（1, 0; 0, 1），或写成列表的列表（[[1, 0], [0, 1]]）。</translation>
    </message>
    <message>
        <source>Each loss&apos;s value L and gradient ∂L/∂ŷ for these targets and predictions</source>
        <translation>对这些真实值与预测值，每个损失函数的值 L 与梯度 ∂L/∂ŷ</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <source>∂L/∂ŷ</source>
        <translation>∂L/∂ŷ</translation>
    </message>
    <message>
        <source>The loss&apos;s value, with full precision (as “python main.py loss” prints it)</source>
        <translation>损失的值，完整精度（与“python main.py loss”的输出相同）</translation>
    </message>
    <message>
        <source>On the command line: “python main.py loss --y-true … --y-pred … --loss {spec}”</source>
        <translation>命令行：“python main.py loss --y-true … --y-pred … --loss {spec}”</translation>
    </message>
    <message>
        <source>The gradient ∂L/∂ŷ, shaped like y_pred: what backprop sends back into the output layer</source>
        <translation>梯度 ∂L/∂ŷ，形状与 y_pred 相同：反向传播送回输出层的量</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{name}: {label}</source>
        <translation>{name}：{label}</translation>
    </message>
    <message>
        <source>Not applied: {reason}</source>
        <translation>未应用：{reason}</translation>
    </message>
    <message>
        <source>{error}  (the results below are for the last valid input)</source>
        <translation>{error}  （下面的结果对应上一次有效的输入）</translation>
    </message>
    <message>
        <source>not listed: a regression loss, and these targets are class labels</source>
        <translation>未列出：这是回归损失，而这些真实值是类别标签</translation>
    </message>
    <message>
        <source>not listed: a classification loss, and these targets are real values</source>
        <translation>未列出：这是分类损失，而这些真实值是实数</translation>
    </message>
    <message>
        <source>{n} losses apply to these {kind} targets ({shape}).</source>
        <translation>{n} 个损失函数适用于这些{kind}真实值（{shape}）。</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>{n} values</source>
        <translation>{n} 个值</translation>
    </message>
    <message>
        <source>{m} rows × {k} columns</source>
        <translation>{m} 行 × {k} 列</translation>
    </message>
    <message>
        <source>{kind} · metric</source>
        <translation>{kind} · 评估指标</translation>
    </message>
    <message>
        <source>A metric: reported during training but never differentiated, so it is not drawn.</source>
        <translation>评估指标：训练时会报告，但从不求导，所以不画出。</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>error e = y − ŷ   (one sample, y = 0)</source>
        <translation>误差 e = y − ŷ   （单个样本，y = 0）</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Weight on x:</source>
        <translation>x 轴权重：</translation>
    </message>
    <message>
        <source>Weight on y:</source>
        <translation>y 轴权重：</translation>
    </message>
    <message>
        <source>Weight on the x axis</source>
        <translation>x 轴上的权重</translation>
    </message>
    <message>
        <source>Weight on the y axis</source>
        <translation>y 轴上的权重</translation>
    </message>
    <message>
        <source>Range ±</source>
        <translation>范围 ±</translation>
    </message>
    <message>
        <source>Range around the current point</source>
        <translation>当前点周围的范围</translation>
    </message>
    <message>
        <source>How far each axis reaches from the current weights; auto: far enough for the whole path.</source>
        <translation>每个坐标轴从当前权重向两侧延伸多远；自动：足以容纳整条路径。</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Compute the loss on the grid now, around the current weights</source>
        <translation>立即在当前权重周围的网格上计算损失</translation>
    </message>
    <message>
        <source>Refresh when training pauses</source>
        <translation>训练暂停时刷新</translation>
    </message>
    <message>
        <source>Compute again whenever training stands still at a new point (never while it runs)</source>
        <translation>训练停在新的位置时重新计算（训练运行时从不计算）</translation>
    </message>
    <message>
        <source>Loss over two weights</source>
        <translation>损失随两个权重的变化</translation>
    </message>
    <message>
        <source>Contours of the loss over two weights, with the training path and the current point</source>
        <translation>损失关于两个权重的等高线图，附训练路径与当前点</translation>
    </message>
    <message>
        <source>loss L</source>
        <translation>损失 L</translation>
    </message>
    <message>
        <source>log₁₀ L</source>
        <translation>log₁₀ 损失 L</translation>
    </message>
    <message>
        <source>Waiting for the network…</source>
        <translation>等待网络…</translation>
    </message>
    <message>
        <source>Computing the loss on a {n}×{n} grid…</source>
        <translation>正在 {n}×{n} 网格上计算损失…</translation>
    </message>
    <message>
        <source>Choose two different weights.</source>
        <translation>请选择两个不同的权重。</translation>
    </message>
    <message>
        <source>The {n} parameters with the largest gradients, of {total}</source>
        <translation>共 {total} 个参数中梯度最大的 {n} 个</translation>
    </message>
    <message>
        <source>The weights are not finite (training diverged): reset or go back on the timeline.</source>
        <translation>权重不是有限数值（训练已发散）：请重置，或在时间轴上回到之前的步数。</translation>
    </message>
    <message>
        <source>L over {a} and {b} on {m} samples, {n}×{n} grid, at step {step}: L = {loss} at the current point ★, the training loss that backprop differentiates ({ms:.0f} ms).  The other weights stay at their current values; the path ● is training&apos;s, projected onto these two.</source>
        <translation>L 随 {a} 与 {b} 的变化（{m} 个样本，{n}×{n} 网格，第 {step} 步）：当前点 ★ 处 L = {loss}，即反向传播求导的训练损失（{ms:.0f} 毫秒）。其余权重保持当前值；路径 ● 是训练轨迹在这两个权重上的投影。</translation>
    </message>
    <message>
        <source>The landscape could not be computed: {error}</source>
        <translation>无法计算损失曲面：{error}</translation>
    </message>
    <message>
        <source>gradient ∂L/∂ŷ</source>
        <translation>梯度 ∂L/∂ŷ</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>p = predicted probability of the true class (y = 1)</source>
        <translation>p = 真实类别的预测概率（y = 1）</translation>
    </message>
    <message>
        <source>hinge only: score s = ln(p / (1 − p))</source>
        <translation>仅用于合页损失：得分 s = ln(p / (1 − p))</translation>
    </message>
    <message>
        <source>&amp;Gradient ∂L/∂ŷ</source>
        <translation>梯度 ∂L/∂ŷ(&amp;G)</translation>
    </message>
    <message>
        <source>Draw ∂L/∂ŷ, what backprop sends back, instead of L: MSE&apos;s grows with the error while MAE&apos;s stays ±1, so one outlier cannot dominate an MAE or Huber fit.</source>
        <translation>画出反向传播传回的 ∂L/∂ŷ，而不是 L：MSE 的梯度随误差增大，而 MAE 的梯度始终为 ±1，所以单个异常值无法主导 MAE 或 Huber 的拟合。</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>对数刻度(&amp;L)</translation>
    </message>
    <message>
        <source>Logarithmic loss axis (10⁻³ to 10); zeros are not drawn</source>
        <translation>对数损失轴（10⁻³ 到 10）；零值不画出</translation>
    </message>
    <message>
        <source>Every curve is computed by the program&apos;s own loss code, one sample at a time. Select a loss to see its formulas and highlight its curve; change δ, q, γ or ε to watch the curves move.</source>
        <translation>每条曲线都由程序自己的损失函数代码逐个样本计算。选择一个损失函数可查看其公式并突出显示其曲线；改变 δ、q、γ 或 ε 可观察曲线如何变化。</translation>
    </message>
    <message>
        <source>A metric, reported but never trained on: not drawn.</source>
        <translation>评估指标，只报告、不用于训练：不画出。</translation>
    </message>
    <message>
        <source>Not applied: {msg}</source>
        <translation>未应用：{msg}</translation>
    </message>
    <message>
        <source>C&amp;urves and formulas</source>
        <translation>曲线与公式(&amp;U)</translation>
    </message>
    <message>
        <source>Calculato&amp;r: the lecture&apos;s examples</source>
        <translation>计算器：课程中的例子(&amp;R)</translation>
    </message>
    <message>
        <source>Loss functions: curves and formulas, or the calculator</source>
        <translation>损失函数：曲线与公式，或计算器</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>accuracy (right axis)</source>
        <translation>准确率（右轴）</translation>
    </message>
    <message>
        <source>Per e&amp;poch</source>
        <translation>按轮次(&amp;P)</translation>
    </message>
    <message>
        <source>Plot one point per epoch (the epoch&apos;s mean) instead of one per step</source>
        <translation>每个轮次画一个点（该轮次的均值），而不是每步一个点</translation>
    </message>
    <message>
        <source>L&amp;og scale</source>
        <translation>对数刻度(&amp;O)</translation>
    </message>
    <message>
        <source>Logarithmic loss axis; zero, negative and non-finite losses are not drawn</source>
        <translation>对数损失轴；零、负值和非有限的损失不画出</translation>
    </message>
    <message>
        <source>Tra&amp;ining loss</source>
        <translation>训练损失(&amp;I)</translation>
    </message>
    <message>
        <source>Also draw the loss that backprop differentiates (e.g. ½·MSE) when it differs from the reported one</source>
        <translation>当反向传播求导的损失（如 ½·MSE）与报告的损失不同时，也画出它</translation>
    </message>
    <message>
        <source>The training loss is recorded per step only</source>
        <translation>训练损失只按步记录</translation>
    </message>
    <message>
        <source>Accurac&amp;y</source>
        <translation>准确率(&amp;Y)</translation>
    </message>
    <message>
        <source>Draw the accuracy per epoch on a 0–1 axis on the right</source>
        <translation>在右侧 0–1 轴上按轮次画出准确率</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全览</translation>
    </message>
    <message>
        <source>Zoom to show the whole history and follow new values</source>
        <translation>缩放到显示全部历史，并跟随新值</translation>
    </message>
    <message>
        <source>γ (learning rate)</source>
        <translation>γ（学习率）</translation>
    </message>
    <message>
        <source>Backprop Studio</source>
        <extracomment>gui.settings.Settings: what is remembered between runs (None: nothing, and nothing is asked on closing)</extracomment>
        <translation>反向传播工作室 Backprop Studio</translation>
    </message>
    <message>
        <source>Output</source>
        <comment>the tab showing what the network outputs</comment>
        <translation>输出</translation>
    </message>
    <message>
        <source>Gradients per layer</source>
        <translation>各层梯度</translation>
    </message>
    <message>
        <source>Timeline:</source>
        <translation>时间轴：</translation>
    </message>
    <message>
        <source>Drag to look at an earlier step; the diagram, inspector and plots follow.</source>
        <translation>拖动以查看较早的训练步；网络图、检查器和曲线随之更新。</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>回到实时</translation>
    </message>
    <message>
        <source>Resume from here</source>
        <translation>从此处继续</translation>
    </message>
    <message>
        <source>Run or pause training (Space)</source>
        <translation>运行或暂停训练（Space）</translation>
    </message>
    <message>
        <source>One whole training step (→ or N)</source>
        <translation>完整的一个训练步（→ 或 N）</translation>
    </message>
    <message>
        <source>One phase of the step: forward, loss, δ, gradients, update (Shift+→)</source>
        <translation>训练步中的一个阶段：前向传播、损失、δ、梯度、权重更新（Shift+→）</translation>
    </message>
    <message>
        <source>Look at the previous phase of this step (Shift+←)</source>
        <translation>查看本步的上一个阶段（Shift+←）</translation>
    </message>
    <message>
        <source>Re-initialise the weights (R)</source>
        <translation>重新初始化权重（R）</translation>
    </message>
    <message>
        <source>Compare backprop with finite differences (G)</source>
        <translation>用有限差分检验反向传播的梯度（G）</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Load CSV data…</source>
        <translation>加载 CSV 数据…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Loss functions…</source>
        <translation>损失函数一览…</translation>
    </message>
    <message>
        <source>Gradient descent on a curve…</source>
        <translation>曲线上的梯度下降…</translation>
    </message>
    <message>
        <source>x(n+1) = x(n) − γ∇F(x(n)) on a curve: learning rates that crawl, settle, oscillate, diverge (D)</source>
        <translation>曲线上的 x(n+1) = x(n) − γ∇F(x(n))：学习率过小（缓慢）、合适、过大（振荡）、发散（D）</translation>
    </message>
    <message>
        <source>Compare side by side…</source>
        <translation>并排比较…</translation>
    </message>
    <message>
        <source>Train the same initial network under two settings at once (Ctrl+K)</source>
        <translation>用两种设置同时训练同一个初始网络（Ctrl+K）</translation>
    </message>
    <message>
        <source>Loss landscape…</source>
        <translation>损失曲面…</translation>
    </message>
    <message>
        <source>The loss over two weights of this network, with the training path and the current point (L)</source>
        <translation>本网络损失随两个权重的变化，附训练路径与当前点（L）</translation>
    </message>
    <message>
        <source>Loss calculator…</source>
        <translation>损失函数计算器…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <extracomment>Set by the application (gui.app): ``relaunch(code)`` rebuilds the window in language ``code`` with this session; without it (tests, scripts) the language changes at the next start. What choosing a language says, in the language chosen (its reader may not read the current one).</extracomment>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>(the loss and the output activation simplify)</source>
        <translation>（损失函数与输出层激活函数相消化简）</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Edit {what}: {old} → {new}</source>
        <extracomment>Drawing shares the GIL with the training thread: each view group may take at most this fraction of the wall clock, so a frame that took t ms waits at least t / DRAW_SHARE ms. The window&apos;s first size on a large screen; on a smaller one, the available area. The zoom presentation mode starts at (1280×720 projectors, read from the back of a hall).</extracomment>
        <translation>编辑 {what}：{old} → {new}</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>权重更新</translation>
    </message>
    <message>
        <source>{title} — phase {k} of step {step} ({n} taken so far)</source>
        <translation>{title} — 第 {step} 步的第 {k} 个阶段（已执行 {n} 个）</translation>
    </message>
    <message>
        <source>Viewing step {step} — drag the timeline or press “Back to live”</source>
        <translation>正在查看第 {step} 步 — 拖动时间轴，或按“回到实时”</translation>
    </message>
    <message>
        <source>Training…  Space pauses; Shift+→ steps one phase at a time.</source>
        <translation>训练中……按 Space 暂停；按 Shift+→ 每次前进一个阶段。</translation>
    </message>
    <message>
        <source>Ready.  Space runs, → takes one step, Shift+→ one phase (forward, loss, δ, gradients, update).</source>
        <translation>就绪。按 Space 运行，按 → 前进一步，按 Shift+→ 前进一个阶段（前向传播、损失、δ、梯度、权重更新）。</translation>
    </message>
    <message>
        <source>Epoch {epoch}   Step {step}   Loss {loss}</source>
        <translation>轮次 {epoch}   步数 {step}   损失 {loss}</translation>
    </message>
    <message>
        <source>Makes backpropagation visible: the forward pass, the loss, the error signal δ travelling backwards layer by layer, and the weight update — with every number.</source>
        <translation>让反向传播看得见：前向传播、损失、误差信号 δ 逐层反向传递，以及权重更新——每个数值都清清楚楚。</translation>
    </message>
    <message>
        <source>Python, PySide6, pyqtgraph and numpy.</source>
        <translation>基于 Python、PySide6、pyqtgraph 和 numpy。</translation>
    </message>
    <message>
        <source>w({layer}) from unit {i} to unit {j}:</source>
        <translation>w({layer})，从单元 {i} 到单元 {j}：</translation>
    </message>
    <message>
        <source>Edit weight</source>
        <translation>编辑权重</translation>
    </message>
    <message>
        <source>Edit bias</source>
        <translation>编辑偏置</translation>
    </message>
    <message>
        <source>b({layer}) of unit {j}:</source>
        <translation>b({layer})，单元 {j}：</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>步数 {step}</translation>
    </message>
    <message>
        <source>viewing step {step} / {last}</source>
        <translation>查看第 {step} / {last} 步</translation>
    </message>
    <message>
        <source>Resume training from step {step}? The {later} later step(s) of history will be discarded.</source>
        <translation>从第 {step} 步继续训练？之后 {later} 步的历史记录将被丢弃。</translation>
    </message>
    <message>
        <source>Network output</source>
        <translation>网络输出</translation>
    </message>
    <message>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>data, coloured by its target y</source>
        <translation>数据（按真实值 y 着色）</translation>
    </message>
    <message>
        <source>network output</source>
        <translation>网络输出</translation>
    </message>
    <message>
        <source>class {c}</source>
        <translation>类别 {c}</translation>
    </message>
    <message>
        <source>P(class 1)</source>
        <translation>P(类别 1)</translation>
    </message>
    <message>
        <source>score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>selected sample</source>
        <translation>选中的样本</translation>
    </message>
    <message>
        <source>the training process stopped unexpectedly (exit code {code}); load a preset or a session to start it again</source>
        <translation>训练进程意外停止（退出码 {code}）；请加载预设或会话以重新启动</translation>
    </message>
    <message>
        <source>The training process stopped unexpectedly (exit code {code}); a new one continues from step {step} with the latest weights and settings</source>
        <translation>训练进程意外停止（退出码 {code}）；新的训练进程以最新的权重和设置从第 {step} 步继续</translation>
    </message>
    <message>
        <source>The training process ended with exit code {code} (a negative code is the signal that ended it). A new training process was started with the session the window shows: the weights of step {step} and the current settings. The optimizer&apos;s state (momentum, Adam&apos;s moments) and the order of the mini-batches start afresh.</source>
        <translation>训练进程以退出码 {code} 结束（负数表示结束它的信号）。已按窗口显示的会话启动了新的训练进程：第 {step} 步的权重和当前设置。优化器的状态（动量、Adam 的矩估计）和小批量的顺序重新开始。</translation>
    </message>
    <message>
        <source>could not start the training process ({reason}); training runs in this process</source>
        <translation>无法启动训练进程（{reason}）；训练改在本进程中运行</translation>
    </message>
    <message>
        <source>cannot send {what} to the training process: {reason}</source>
        <translation>无法将 {what} 发送到训练进程：{reason}</translation>
    </message>
    <message>
        <source>the value must be a finite number, got {value!r}</source>
        <translation>数值必须是有限数，实际为 {value!r}</translation>
    </message>
    <message>
        <source>{what} must be a whole number, got {value!r}</source>
        <translation>{what} 必须是整数，实际为 {value!r}</translation>
    </message>
    <message>
        <source>the speed must be a number of steps per second ≥ 0 (0 = as fast as possible), got {value!r}</source>
        <translation>速度必须是每秒步数 ≥ 0（0 = 尽可能快），实际为 {value!r}</translation>
    </message>
    <message>
        <source>the batch size must be a whole number ≥ 1 (or 0 / empty for full batch), got {value!r}</source>
        <translation>批大小必须是 ≥ 1 的整数（0 或留空表示全批量），实际为 {value!r}</translation>
    </message>
    <message>
        <source>load_session needs a session or a file path, got {kind}</source>
        <translation>load_session 需要会话或文件路径，实际为 {kind}</translation>
    </message>
    <message>
        <source>the changes must be an object such as {{&quot;architecture&quot;: {{...}}}}, got {kind}</source>
        <translation>更改必须是形如 {{&quot;architecture&quot;: {{...}}}} 的对象，实际为 {kind}</translation>
    </message>
    <message>
        <source>cannot rebuild with {key!r}; the keys are: {keys}</source>
        <translation>无法用 {key!r} 重建；可用的键为：{keys}</translation>
    </message>
    <message>
        <source>the {what} must be an object with a &apos;name&apos;, got {kind}</source>
        <translation>{what} 必须是带有 &apos;name&apos; 的对象，实际为 {kind}</translation>
    </message>
    <message>
        <source>{what} must be text, got {kind}</source>
        <translation>{what} 必须是文本，实际为 {kind}</translation>
    </message>
    <message>
        <source>the training worker has no command {name!r}</source>
        <translation>训练工作器没有命令 {name!r}</translation>
    </message>
    <message>
        <source>{name} takes {n} argument(s), got {k}</source>
        <translation>{name} 需要 {n} 个参数，实际为 {k} 个</translation>
    </message>
    <message>
        <source>{what} failed: {error}</source>
        <translation>{what} 失败：{error}</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Paused to look back in time</source>
        <translation>已暂停以回看历史</translation>
    </message>
    <message>
        <source>Stopped: another session was loaded</source>
        <translation>已停止：加载了另一个会话</translation>
    </message>
    <message>
        <source>No session is loaded</source>
        <translation>未加载会话</translation>
    </message>
    <message>
        <source>Loaded the preset {name}</source>
        <translation>已加载预设 {name}</translation>
    </message>
    <message>
        <source>Loaded the session {name}</source>
        <translation>已加载会话 {name}</translation>
    </message>
    <message>
        <source>Training continues from step {step} in a new training process</source>
        <translation>训练在新的训练进程中从第 {step} 步继续</translation>
    </message>
    <message>
        <source>The weights were re-initialised; the settings are kept</source>
        <translation>权重已重新初始化；设置保持不变</translation>
    </message>
    <message>
        <source>The network was rebuilt for the new {what}: the weights were re-initialised</source>
        <translation>已按新的{what}重建网络：权重已重新初始化</translation>
    </message>
    <message>
        <source>architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Resumed from step {step}; the later steps were discarded</source>
        <translation>已从第 {step} 步继续；之后的步已丢弃</translation>
    </message>
    <message>
        <source>No recorded step at or before step {step}</source>
        <translation>第 {step} 步及之前没有记录的步</translation>
    </message>
    <message>
        <source>Viewing step {step} (recorded); training is unchanged</source>
        <translation>正在查看第 {step} 步（记录）；训练不受影响</translation>
    </message>
    <message>
        <source>Already at the first phase of this step</source>
        <translation>已经处于本步的第一个阶段</translation>
    </message>
    <message>
        <source>Learning rate set to {lr:g}</source>
        <translation>学习率已设为 {lr:g}</translation>
    </message>
    <message>
        <source>Loss set to {name}</source>
        <translation>损失函数已设为 {name}</translation>
    </message>
    <message>
        <source>{name} cannot be used here: {reason}</source>
        <translation>此处不能使用 {name}：{reason}</translation>
    </message>
    <message>
        <source>Optimizer set to {name}</source>
        <translation>优化器已设为 {name}</translation>
    </message>
    <message>
        <source>Learning-rate schedule set to {name}</source>
        <translation>学习率调度已设为 {name}</translation>
    </message>
    <message>
        <source>Batch size set to {size}</source>
        <translation>批大小已设为 {size}</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>W({layer})[{i},{j}] set to {value:g}</source>
        <translation>W({layer})[{i},{j}] 已设为 {value:g}</translation>
    </message>
    <message>
        <source>b({layer})[{j}] set to {value:g}</source>
        <translation>b({layer})[{j}] 已设为 {value:g}</translation>
    </message>
    <message>
        <source>Breakpoints: {what}</source>
        <translation>断点：{what}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Saved the session to {path}</source>
        <translation>会话已保存到 {path}</translation>
    </message>
    <message>
        <source>layer must be between 1 and {L}, got {layer}</source>
        <translation>层号必须在 1 到 {L} 之间，实际为 {layer}</translation>
    </message>
    <message>
        <source>{what} index {k} is out of range (0 … {n})</source>
        <translation>{what} 索引 {k} 超出范围（0 … {n}）</translation>
    </message>
    <message>
        <source>Gradient descent on a curve</source>
        <translation>曲线上的梯度下降</translation>
    </message>
    <message>
        <source>Curve:</source>
        <translation>曲线：</translation>
    </message>
    <message>
        <source>Curve</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Learning rate γ:</source>
        <translation>学习率 γ：</translation>
    </message>
    <message>
        <source>Learning rate γ (logarithmic slider)</source>
        <translation>学习率 γ（对数滑块）</translation>
    </message>
    <message>
        <source>Start x₀ (A):</source>
        <translation>起点 x₀（A）：</translation>
    </message>
    <message>
        <source>Start point x₀</source>
        <translation>起点 x₀</translation>
    </message>
    <message>
        <source>Where descent starts (A); you can also drag A along the curve.</source>
        <translation>梯度下降的起点（A）；也可以沿曲线拖动 A。</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Number of steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Too small (crawls)</source>
        <translation>过小（缓慢爬行）</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>合适</translation>
    </message>
    <message>
        <source>Too large (oscillates)</source>
        <translation>过大（振荡）</translation>
    </message>
    <message>
        <source>Divergent</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>γ = {lr:g} from x₀ = {x0:g}</source>
        <translation>γ = {lr:g}，起点 x₀ = {x0:g}</translation>
    </message>
    <message>
        <source>F(x) and the iterates xₙ</source>
        <translation>F(x) 与迭代点 xₙ</translation>
    </message>
    <message>
        <source>The curve F(x) with the iterates of gradient descent drawn as steps</source>
        <translation>曲线 F(x) 及梯度下降的逐步迭代点</translation>
    </message>
    <message>
        <source>The iterates: n, xₙ, F(xₙ), ∇F(xₙ) and the step</source>
        <translation>迭代点：n、xₙ、F(xₙ)、∇F(xₙ) 与每一步</translation>
    </message>
    <message>
        <source>direction of the step</source>
        <translation>这一步的方向</translation>
    </message>
    <message>
        <source>∇F &gt; 0 → left ←</source>
        <translation>∇F &gt; 0 → 向左 ←</translation>
    </message>
    <message>
        <source>∇F &lt; 0 → right →</source>
        <translation>∇F &lt; 0 → 向右 →</translation>
    </message>
    <message>
        <source>x(n+1) = x(n) − γ∇F(x(n)):  downhill from A to B, against the gradient (∇F &gt; 0 → step left, ∇F &lt; 0 → step right).</source>
        <translation>x(n+1) = x(n) − γ∇F(x(n))：沿负梯度方向，从 A 下山走到 B（∇F &gt; 0 → 向左走，∇F &lt; 0 → 向右走）。</translation>
    </message>
    <message>
        <source>∇F = 0 → stay</source>
        <translation>∇F = 0 → 不动</translation>
    </message>
    <message>
        <source>Diverged at n = {n}: |x| passed 10⁶ (γ = {lr:g} is too large); the table stops there.</source>
        <translation>在 n = {n} 处发散：|x| 超过 10⁶（学习率 γ = {lr:g} 过大）；表格到此为止。</translation>
    </message>
    <message>
        <source>Crawls: after {n} steps B is still far from the minimum (γ = {lr:g} is too small).</source>
        <translation>缓慢爬行：{n} 步之后 B 仍离最小值很远（学习率 γ = {lr:g} 过小）。</translation>
    </message>
    <message>
        <source>Good: B reached the minimum x* ≈ {x:.4g} in {k} step(s) (|Δx| &lt; 10⁻³ from then on).</source>
        <translation>合适：B 在 {k} 步内到达最小值 x* ≈ {x:.4g}（此后 |Δx| &lt; 10⁻³）。</translation>
    </message>
    <message>
        <source>Oscillates: the steps jump across the minimum, back and forth (γ = {lr:g} is too large).</source>
        <translation>振荡：每一步都越过最小值，来回跳动（学习率 γ = {lr:g} 过大）。</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>the speed must be a number of steps per second ≥ 0, got {value!r}</source>
        <translation>速度必须是每秒 ≥ 0 的训练步数，得到的是 {value!r}</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <source>Train biases</source>
        <translation>训练偏置</translation>
    </message>
    <message>
        <source>Update the biases of layer {layer}; off, they keep their values (as published)</source>
        <translation>更新第 {layer} 层的偏置；关闭时偏置保持原值（与原文一致）</translation>
    </message>
</context>
<context>
    <name>CsvImport</name>
    <message>
        <source>Still reading {name}: cancel it first.</source>
        <extracomment>Progress bar steps (the model reports a fraction of the file read).</extracomment>
        <translation>仍在读取 {name}：请先取消。</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Load CSV data</source>
        <translation>加载 CSV 数据</translation>
    </message>
    <message>
        <source>Not enough memory to read {name}.</source>
        <translation>内存不足，无法读取 {name}。</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <source>Network output</source>
        <translation>网络输出</translation>
    </message>
    <message>
        <source>Gradients per layer</source>
        <translation>各层梯度</translation>
    </message>
    <message>
        <source>&amp;Diagram</source>
        <translation>网络图(&amp;D)</translation>
    </message>
    <message>
        <source>As PNG picture…</source>
        <translation>PNG 图片…</translation>
    </message>
    <message>
        <source>As SVG (vectors, for slides)…</source>
        <translation>SVG 矢量图（用于幻灯片）…</translation>
    </message>
    <message>
        <source>Loss history per step (CSV)…</source>
        <translation>每步的损失历史（CSV）…</translation>
    </message>
    <message>
        <source>Loss per epoch (CSV)…</source>
        <translation>每轮次的损失（CSV）…</translation>
    </message>
    <message>
        <source>Step trace (JSONL)…</source>
        <translation>单步跟踪（JSONL）…</translation>
    </message>
    <message>
        <source>Step trace (CSV)…</source>
        <translation>单步跟踪（CSV）…</translation>
    </message>
    <message>
        <source>Handout (PDF)…</source>
        <translation>讲义（PDF）…</translation>
    </message>
    <message>
        <source>Python script (numpy)…</source>
        <translation>Python 脚本（numpy）…</translation>
    </message>
    <message>
        <source>Python script (PyTorch)…</source>
        <translation>Python 脚本（PyTorch）…</translation>
    </message>
    <message>
        <source>Window screenshot (PNG)…</source>
        <translation>窗口截图（PNG）…</translation>
    </message>
    <message>
        <source>As CSV table…</source>
        <translation>CSV 表格…</translation>
    </message>
    <message>
        <source>Show everything</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Step trace</source>
        <translation>单步跟踪</translation>
    </message>
    <message>
        <source>Training steps to trace:</source>
        <translation>要跟踪的训练步数：</translation>
    </message>
    <message>
        <source>Export failed: {reason}</source>
        <translation>导出失败：{reason}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Network diagram</source>
        <translation>网络图</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Output and gradients</source>
        <extracomment>Every view of a snapshot, in the order they are fed.</extracomment>
        <translation>输出与梯度</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Large, high-contrast view for a projector; Esc leaves (F5)</source>
        <translation>适合投影仪的大字号高对比度视图；按 Esc 退出（F5）</translation>
    </message>
    <message>
        <source>Leave presentation mode</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window (F1)</source>
        <translation>窗口中的全部键盘快捷键（F1）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Past step {step} (epoch {epoch}, live: step {live})   Loss {loss}</source>
        <translation>过去的第 {step} 步（轮次 {epoch}，实时：第 {live} 步）   损失 {loss}</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Zoom {percent} %</source>
        <translation>缩放 {percent} %</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>Show what went wrong in full, to copy into a bug report</source>
        <translation>显示完整的出错信息，可复制到错误报告中</translation>
    </message>
    <message>
        <source>Dismiss this notice</source>
        <translation>关闭此提示</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Training diverged at step {step}: a smaller learning rate should help.</source>
        <translation>训练在第 {step} 步发散：较小的学习率应能解决。</translation>
    </message>
    <message>
        <source>Use γ = {lr}</source>
        <translation>使用 γ = {lr}</translation>
    </message>
    <message>
        <source>Set the learning rate to {new} (it was {old}); the weights stay as they are</source>
        <translation>将学习率设为 {new}（原为 {old}）；权重保持不变</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>出错信息</translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <source>&amp;New session</source>
        <extracomment>Autosave interval while the session is modified. How long closing waits for the worker to save (a session of a million samples takes seconds).</extracomment>
        <translation>新建会话(&amp;N)</translation>
    </message>
    <message>
        <source>A new session from the preset in use, with fresh weights</source>
        <translation>用当前预设新建会话，权重重新初始化</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a session (.json) or a data file (.csv)</source>
        <translation>打开会话（.json）或数据文件（.csv）</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the session with its history</source>
        <translation>保存会话及其训练历史</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the session to a new file</source>
        <translation>把会话保存到新文件</translation>
    </message>
    <message>
        <source>New from &amp;preset</source>
        <translation>从预设新建(&amp;P)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近打开的文件</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>The session “{name}” has changes that are not saved.</source>
        <translation>会话“{name}”有尚未保存的更改。</translation>
    </message>
    <message>
        <source>Save them first?</source>
        <translation>要先保存吗？</translation>
    </message>
    <message>
        <source>Open a session or data</source>
        <translation>打开会话或数据</translation>
    </message>
    <message>
        <source>Sessions and data (*.json *.csv *.tsv *.txt);;Sessions (*.json);;Data (*.csv *.tsv *.txt)</source>
        <translation>会话与数据 (*.json *.csv *.tsv *.txt);;会话 (*.json);;数据 (*.csv *.tsv *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>{path} no longer exists; it is taken off the recent files.</source>
        <translation>{path} 已不存在，已从最近打开的文件中移除。</translation>
    </message>
    <message>
        <source>Cannot open {path}: there is no such file.</source>
        <translation>无法打开 {path}：文件不存在。</translation>
    </message>
    <message>
        <source>Save the session as</source>
        <translation>会话另存为</translation>
    </message>
    <message>
        <source>Sessions (*.json)</source>
        <translation>会话 (*.json)</translation>
    </message>
    <message>
        <source>The autosave failed: {reason}</source>
        <translation>自动保存失败：{reason}</translation>
    </message>
    <message>
        <source>Backprop Studio did not close normally last time.</source>
        <translation>反向传播工作室上次没有正常关闭。</translation>
    </message>
    <message>
        <source>Restore the session “{name}” at step {step}, saved automatically at {time}?</source>
        <translation>要恢复会话“{name}”（第 {step} 步，{time} 自动保存）吗？</translation>
    </message>
    <message>
        <source>Restore the session “{name}”, saved automatically at {time}?</source>
        <translation>要恢复会话“{name}”（{time} 自动保存）吗？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>model.activations</name>
    <message>
        <source>Sigmoid</source>
        <extracomment>Output range, used to explain incompatible loss choices. The function&apos;s symbol in the inspector (σ, tanh, ReLU, …). Its shortest name, for the diagram&apos;s layer labels. What :meth:`saturation` measures: ``&quot;saturated&quot;`` units, ``&quot;dead&quot;`` units, or ``None``. What an exported script writes for it (:mod:`model.export`); ``None``: it cannot be exported yet.</extracomment>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性（恒等）</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>unknown activation {name}; choose one of: {names}</source>
        <translation>未知的激活函数 {name}；可选：{names}</translation>
    </message>
</context>
<context>
    <name>model.breakpoints</name>
    <message>
        <source>the loss threshold</source>
        <translation>损失阈值</translation>
    </message>
    <message>
        <source>the vanishing-gradient threshold</source>
        <translation>梯度消失阈值</translation>
    </message>
    <message>
        <source>the exploding-gradient threshold</source>
        <translation>梯度爆炸阈值</translation>
    </message>
    <message>
        <source>the vanishing-gradient threshold ({below:g}) must be below the exploding-gradient threshold ({above:g})</source>
        <translation>梯度消失阈值（{below:g}）必须低于梯度爆炸阈值（{above:g}）</translation>
    </message>
    <message>
        <source>breakpoints must be given as an object such as {{&quot;epoch&quot;: 500}}</source>
        <translation>断点必须以对象形式给出，例如 {{&quot;epoch&quot;: 500}}</translation>
    </message>
    <message>
        <source>unknown breakpoint {name!r}; the breakpoints are: {names}</source>
        <translation>未知的断点 {name!r}；可用的断点有：{names}</translation>
    </message>
    <message>
        <source>Breakpoint: epoch {epoch} reached</source>
        <translation>断点：已到达第 {epoch} 轮次</translation>
    </message>
    <message>
        <source>Breakpoint: loss {loss} fell below {threshold:g}</source>
        <translation>断点：损失 {loss} 已低于 {threshold:g}</translation>
    </message>
    <message>
        <source>Breakpoint: ‖∂L/∂W({layer})‖ = {norm:.3g} fell below {threshold:g} (vanishing gradient)</source>
        <translation>断点：‖∂L/∂W({layer})‖ = {norm:.3g} 已低于 {threshold:g}（梯度消失）</translation>
    </message>
    <message>
        <source>Breakpoint: ‖∂L/∂W({layer})‖ = {norm:.3g} rose above {threshold:g} (exploding gradient)</source>
        <translation>断点：‖∂L/∂W({layer})‖ = {norm:.3g} 已高于 {threshold:g}（梯度爆炸）</translation>
    </message>
    <message>
        <source>the epoch breakpoint must be a whole number of epochs (1 or more), got {value!r}</source>
        <translation>轮次断点必须是整数个轮次（1 或更多），得到的是 {value!r}</translation>
    </message>
    <message>
        <source>{what} must be a positive finite number, got {value!r}</source>
        <translation>{what}必须是有限正数，得到的是 {value!r}</translation>
    </message>
    <message>
        <source>{what} must be a positive number, got {value!r}</source>
        <translation>{what}必须是正数，得到的是 {value!r}</translation>
    </message>
</context>
<context>
    <name>model.compare</name>
    <message>
        <source>Loss function</source>
        <extracomment>What may differ between the two sides, in the order the GUI offers them.</extracomment>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Hidden activation</source>
        <translation>隐藏层激活函数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>cannot compare {kind!r}; choose one of: {kinds}</source>
        <translation>无法比较 {kind!r}；可选：{kinds}</translation>
    </message>
    <message>
        <source>the learning rate must be a number &gt; 0, got {value!r}</source>
        <translation>学习率必须是 &gt; 0 的数，得到的是 {value!r}</translation>
    </message>
    <message>
        <source>the batch size must be a whole number ≥ 1 or full batch, got {value!r}</source>
        <translation>批大小必须是 ≥ 1 的整数或全批量，得到的是 {value!r}</translation>
    </message>
    <message>
        <source>{name} cannot be the activation of a hidden layer</source>
        <translation>{name} 不能用作隐藏层的激活函数</translation>
    </message>
    <message>
        <source>this network has no hidden layer</source>
        <translation>这个网络没有隐藏层</translation>
    </message>
    <message>
        <source>{text}</source>
        <translation>{text}</translation>
    </message>
    <message>
        <source>{name} ({params})</source>
        <translation>{name}（{params}）</translation>
    </message>
    <message>
        <source>γ = {lr:g}</source>
        <translation>γ = {lr:g}</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>batch of {n}</source>
        <translation>批大小 {n}</translation>
    </message>
    <message>
        <source>{text} hidden layers</source>
        <translation>{text} 隐藏层</translation>
    </message>
</context>
<context>
    <name>model.datasets</name>
    <message>
        <source>{what} must be a rectangular table of numbers</source>
        <extracomment>Upper bound on ``n_samples`` and on the rows of a CSV file, so a typo gives a sentence, not a MemoryError. Upper bound on the classes of integer labels (each becomes a one-hot target column). Upper bound on the numbers of one CSV file (rows × columns): 160 MB as float64.</extracomment>
        <translation>{what}必须是一个由数值组成的矩形表格</translation>
    </message>
    <message>
        <source>{what} must be a table (rows × columns), not a {n}-D array</source>
        <translation>{what}必须是表格（行 × 列），而不是 {n} 维数组</translation>
    </message>
    <message>
        <source>{what} are empty: need at least one row and one column</source>
        <translation>{what}为空：至少需要一行一列</translation>
    </message>
    <message>
        <source>{what} row {i}, column {j} is not a finite number ({value})</source>
        <translation>{what}第 {i} 行第 {j} 列不是有限数（{value}）</translation>
    </message>
    <message>
        <source>expected {count} {what}, got {n}</source>
        <translation>应有 {count} 个{what}，得到的是 {n} 个</translation>
    </message>
    <message>
        <source>{key} must be a whole number, not {value}</source>
        <translation>{key} 必须是整数，而不是 {value}</translation>
    </message>
    <message>
        <source>{key} must be at least {minimum}, not {value}</source>
        <translation>{key} 至少为 {minimum}，而不是 {value}</translation>
    </message>
    <message>
        <source>{key} must be at most {maximum:,}, not {value}</source>
        <translation>{key} 至多为 {maximum:,}，而不是 {value}</translation>
    </message>
    <message>
        <source>{key} must be a number, not {value}</source>
        <translation>{key} 必须是数值，而不是 {value}</translation>
    </message>
    <message>
        <source>{key} must be a number from 0 to {maximum:g}, not {value:g}</source>
        <translation>{key} 必须是 0 到 {maximum:g} 之间的数，而不是 {value:g}</translation>
    </message>
    <message>
        <source>inputs have {m} rows but targets have {n}; they need one target row per input row</source>
        <translation>输入有 {m} 行而真实值有 {n} 行；每个输入行需要一行真实值</translation>
    </message>
    <message>
        <source>task must be &apos;regression&apos; or &apos;classification&apos;, not {t}</source>
        <translation>任务必须是 &apos;regression&apos;（回归）或 &apos;classification&apos;（分类），而不是 {t}</translation>
    </message>
    <message>
        <source>classification targets must be 0 or 1, but row {i}, column {j} is {value:g}</source>
        <translation>分类的真实值必须是 0 或 1，但第 {i} 行第 {j} 列是 {value:g}</translation>
    </message>
    <message>
        <source>classification targets with {k} columns must be one-hot (exactly one 1 per row), but row {i} is not</source>
        <translation>有 {k} 列的分类真实值必须是独热编码（每行恰好一个 1），但第 {i} 行不是</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>XOR（异或）</translation>
    </message>
    <message>
        <source>The lecture&apos;s XOR: the four corners of the unit square, 1 where exactly one input is 1. Not linearly separable.</source>
        <translation>课程中的 XOR：单位正方形的四个角，恰有一个输入为 1 时输出 1。线性不可分。</translation>
    </message>
    <message>
        <source>AND</source>
        <translation>AND（与）</translation>
    </message>
    <message>
        <source>Logical AND on the four corners of the unit square: one straight line separates it.</source>
        <translation>单位正方形四个角上的逻辑与：一条直线即可分开。</translation>
    </message>
    <message>
        <source>OR</source>
        <translation>OR（或）</translation>
    </message>
    <message>
        <source>Logical OR on the four corners of the unit square: one straight line separates it.</source>
        <translation>单位正方形四个角上的逻辑或：一条直线即可分开。</translation>
    </message>
    <message>
        <source>Circles</source>
        <translation>圆环</translation>
    </message>
    <message>
        <source>A disc (class 1) inside a ring (class 0): needs a closed, curved boundary.</source>
        <translation>圆环（类别 0）中的圆盘（类别 1）：需要一条封闭的弯曲边界。</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>Two interleaving half-moons: a gently curved boundary.</source>
        <translation>两个交错的半月形：边界略微弯曲。</translation>
    </message>
    <message>
        <source>Spirals</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>Interleaved spiral arms, one per class: the hardest 2-D problem here.</source>
        <translation>交错的螺旋臂，每个类别一条：这里最难的二维问题。</translation>
    </message>
    <message>
        <source>Blobs</source>
        <translation>高斯团</translation>
    </message>
    <message>
        <source>Gaussian blobs, one per class, around a circle; one-hot targets for 3 or more classes.</source>
        <translation>沿圆周分布的高斯团，每个类别一团；3 个及以上类别时真实值为独热编码。</translation>
    </message>
    <message>
        <source>Imbalanced</source>
        <translation>类别不平衡</translation>
    </message>
    <message>
        <source>Two overlapping clouds with only 5 % positives: accuracy flatters a model that always says 0.</source>
        <translation>两团重叠的点，正样本只占 5 %：对总是输出 0 的模型，准确率也显得很高。</translation>
    </message>
    <message>
        <source>Sine</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>y = sin(x) + noise for x in [−π, π]: one input, one real-valued output.</source>
        <translation>y = sin(x) + 噪声，x ∈ [−π, π]：一个输入，一个实数输出。</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>异常值</translation>
    </message>
    <message>
        <source>y = 2x + 1 + noise with 10 % gross outliers: compare MSE with Huber or MAE.</source>
        <translation>y = 2x + 1 + 噪声，含 10 % 的严重异常值：比较 MSE 与 Huber 或 MAE。</translation>
    </message>
    <message>
        <source>unknown dataset {name}; choose one of: {names}</source>
        <translation>未知的数据集 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>dataset {name!r} has no parameter {key}; its parameters are: seed, {keys}</source>
        <translation>数据集 {name!r} 没有参数 {key}；它的参数有：seed、{keys}</translation>
    </message>
    <message>
        <source>dataset {name!r} has no parameter {key}; it only takes a seed</source>
        <translation>数据集 {name!r} 没有参数 {key}；它只接受 seed</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>{n} 个点</translation>
    </message>
    <message>
        <source>noise {noise:g}</source>
        <translation>噪声 {noise:g}</translation>
    </message>
    <message>
        <source>{n} classes</source>
        <translation>{n} 个类别</translation>
    </message>
    <message>
        <source>seed {seed}</source>
        <translation>种子 {seed}</translation>
    </message>
    <message>
        <source>{label}: {summary}</source>
        <translation>{label}: {summary}</translation>
    </message>
    <message>
        <source>the targets hold the class label {label:g}, so {K:,} classes; at most {max} are allowed</source>
        <translation>真实值中有类别标签 {label:g}，即 {K:,} 个类别；最多允许 {max} 个</translation>
    </message>
    <message>
        <source>the targets have {k:,} class columns; at most {max} classes are allowed</source>
        <translation>真实值有 {k:,} 个类别列；最多允许 {max} 个类别</translation>
    </message>
    <message>
        <source>{name}: {m:,} rows, {d} inputs, {k} targets</source>
        <translation>{name}：{m:,} 行，{d} 个输入，{k} 个真实值</translation>
    </message>
    <message>
        <source>target column {t} is given by name, but {fname} has no header row</source>
        <translation>真实值列 {t} 以名称给出，但 {fname} 没有表头行</translation>
    </message>
    <message>
        <source>target column {t} not found in header (columns: {names})</source>
        <translation>表头中找不到真实值列 {t}（各列：{names}）</translation>
    </message>
    <message>
        <source>target column {t} is ambiguous: the header names it {n} times</source>
        <translation>真实值列 {t} 有歧义：表头中出现了 {n} 次</translation>
    </message>
    <message>
        <source>target columns must be column indices or header names, not {t}</source>
        <translation>真实值列必须是列号或表头名称，而不是 {t}</translation>
    </message>
    <message>
        <source>target column index {j} is out of range: {fname} has {n} columns (use 0..{last}, or −{n}..−1 from the end)</source>
        <translation>真实值列号 {j} 超出范围：{fname} 有 {n} 列（请用 0..{last}，或从末尾数的 −{n}..−1）</translation>
    </message>
    <message>
        <source>the delimiter must be a single character, not {d}</source>
        <extracomment>A CSV file larger than this is refused before reading (bytes). A longer physical line is refused (bytes): it cannot be a row of a table we could train on. Bytes read to detect the delimiter. Rows between two calls of ``progress``. Characters decoded at a time.</extracomment>
        <translation>分隔符必须是单个字符，而不是 {d}</translation>
    </message>
    <message>
        <source>{fname} is {size}; a CSV file may be at most {limit}</source>
        <translation>{fname} 大小为 {size}；CSV 文件最大为 {limit}</translation>
    </message>
    <message>
        <source>cannot read {fname}: {reason}</source>
        <translation>无法读取 {fname}：{reason}</translation>
    </message>
    <message>
        <source>cannot read {fname}: it is not a UTF-8 text file</source>
        <translation>无法读取 {fname}：它不是 UTF-8 文本文件</translation>
    </message>
    <message>
        <source>{fname} line {line}, column {col}: {value} is not a finite number</source>
        <translation>{fname} 第 {line} 行第 {col} 列：{value} 不是有限数</translation>
    </message>
    <message>
        <source>; {K:,} integer labels are more than {max} classes, so they are read as numbers</source>
        <translation>；{K:,} 个整数标签超过 {max} 个类别，因此按数值读取</translation>
    </message>
    <message>
        <source>{fname}: {m:,} rows, {d} inputs, {k} targets{note}</source>
        <translation>{fname}：{m:,} 行，{d} 个输入，{k} 个真实值{note}</translation>
    </message>
    <message>
        <source>{fname} line {line} is longer than {limit}: not a table of numbers</source>
        <translation>{fname} 第 {line} 行长于 {limit}：不是数值表格</translation>
    </message>
    <message>
        <source>{fname}: no data rows</source>
        <translation>{fname}：没有数据行</translation>
    </message>
    <message>
        <source>{fname} line {line}: expected {n} columns, found {k}</source>
        <translation>{fname} 第 {line} 行：应有 {n} 列，实有 {k} 列</translation>
    </message>
    <message>
        <source>{fname} line {line}: {reason}</source>
        <translation>{fname} 第 {line} 行：{reason}</translation>
    </message>
    <message>
        <source>{fname} has more than {max:,} data rows; at most {max:,} can be loaded</source>
        <translation>{fname} 的数据行超过 {max:,} 行；最多可加载 {max:,} 行</translation>
    </message>
    <message>
        <source>{fname} has {n:,} numbers ({rows:,} rows × {cols:,} columns); at most {max:,} can be loaded</source>
        <translation>{fname} 有 {n:,} 个数值（{rows:,} 行 × {cols:,} 列）；最多可加载 {max:,} 个</translation>
    </message>
    <message>
        <source>{fname} has more than {max:,} numbers ({rows:,} rows × {cols:,} columns so far)</source>
        <translation>{fname} 的数值超过 {max:,} 个（目前已有 {rows:,} 行 × {cols:,} 列）</translation>
    </message>
    <message>
        <source>target column {t} is listed twice</source>
        <translation>真实值列 {t} 被列出了两次</translation>
    </message>
    <message>
        <source>choose at least one target column</source>
        <translation>请至少选择一个真实值列</translation>
    </message>
    <message>
        <source>no input columns left: every column of {fname} is a target</source>
        <translation>没有剩余的输入列：{fname} 的每一列都是真实值</translation>
    </message>
    <message>
        <source>{fname} line {line}, column {col}: {field} is not a number</source>
        <translation>{fname} 第 {line} 行第 {col} 列：{field} 不是数值</translation>
    </message>
    <message>
        <source> (write decimals with a point: {fixed})</source>
        <translation>（小数请用小数点：{fixed}）</translation>
    </message>
    <message>
        <source>a dataset entry must be a mapping, not {kind}</source>
        <translation>数据集条目必须是映射（对象），而不是 {kind}</translation>
    </message>
    <message>
        <source>the dataset entry has no {key!r}</source>
        <translation>数据集条目缺少 {key!r}</translation>
    </message>
    <message>
        <source>the dataset entry has an unknown key {key}</source>
        <translation>数据集条目含有未知的键 {key}</translation>
    </message>
    <message>
        <source>a dataset entry needs a &apos;name&apos;, or &apos;inputs&apos; and &apos;targets&apos;</source>
        <translation>数据集条目需要 &apos;name&apos;，或者 &apos;inputs&apos; 与 &apos;targets&apos;</translation>
    </message>
</context>
<context>
    <name>model.descent</name>
    <message>
        <source>Quadratic</source>
        <extracomment>The lecture&apos;s four learning-rate behaviours, in the order the buttons show them.</extracomment>
        <translation>二次函数</translation>
    </message>
    <message>
        <source>Double well</source>
        <translation>双势阱</translation>
    </message>
    <message>
        <source>unknown curve {name!r}; the curves are: {names}</source>
        <translation>未知的曲线 {name!r}；可选的曲线有：{names}</translation>
    </message>
    <message>
        <source>the start point must be a finite number, got {value!r}</source>
        <translation>起点必须是有限数值，实际为 {value!r}</translation>
    </message>
    <message>
        <source>the learning rate must be a finite number, got {value!r}</source>
        <translation>学习率必须是有限数值，实际为 {value!r}</translation>
    </message>
    <message>
        <source>the learning rate must be ≥ 0, got {value}</source>
        <translation>学习率必须 ≥ 0，得到的是 {value}</translation>
    </message>
    <message>
        <source>the number of steps must be a whole number ≥ 0, got {value!r}</source>
        <translation>步数必须是 ≥ 0 的整数，得到的是 {value!r}</translation>
    </message>
</context>
<context>
    <name>model.equations</name>
    <message>
        <source>a selection is (&apos;neuron&apos;, l, j), (&apos;edge&apos;, l, i, j) or (&apos;layer&apos;, l), got {s}</source>
        <translation>选择应为 (&apos;neuron&apos;, l, j)、(&apos;edge&apos;, l, i, j) 或 (&apos;layer&apos;, l)，得到的是 {s}</translation>
    </message>
    <message>
        <source>unknown selection kind {kind}; use &apos;neuron&apos;, &apos;edge&apos; or &apos;layer&apos;</source>
        <translation>未知的选择类型 {kind}；请使用 &apos;neuron&apos;、&apos;edge&apos; 或 &apos;layer&apos;</translation>
    </message>
    <message>
        <source>there is no layer {l}; the network has layers 0 … {L}</source>
        <translation>没有第 {l} 层；网络的层为 0 … {L}</translation>
    </message>
    <message>
        <source>layer {l} has {n} units, there is no unit {j}</source>
        <translation>第 {l} 层有 {n} 个单元，没有单元 {j}</translation>
    </message>
    <message>
        <source>weights belong to layers 1 … {L}, not {l}</source>
        <translation>权重属于第 1 … {L} 层，而不是第 {l} 层</translation>
    </message>
    <message>
        <source>W({l}) is {n_in} × {n_out}; there is no weight [{i}, {j}]</source>
        <translation>W({l}) 为 {n_in} × {n_out}；没有权重 [{i}, {j}]</translation>
    </message>
    <message>
        <source>their sum Σ</source>
        <translation>其总和 Σ</translation>
    </message>
    <message>
        <source>their mean (1/m) Σ</source>
        <translation>其均值 (1/m) Σ</translation>
    </message>
    <message>
        <source>the current weights</source>
        <translation>当前权重</translation>
    </message>
    <message>
        <source>each update uses a mini-batch of {b}</source>
        <translation>每次更新使用 {b} 个样本的小批量</translation>
    </message>
    <message>
        <source>the batch each update uses</source>
        <translation>每次更新所用的批</translation>
    </message>
    <message>
        <source>One sample, {uses}</source>
        <translation>一个样本，{uses}</translation>
    </message>
    <message>
        <source>Sample {n} of all {m} samples; {uses}</source>
        <translation>全部 {m} 个样本中的第 {n} 个；{uses}</translation>
    </message>
    <message>
        <source>All {m} samples: z, a, δ per sample, ∂L/∂w {how}; {uses}</source>
        <translation>全部 {m} 个样本：z、a、δ 按样本，∂L/∂w 取{how}；{uses}</translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation>第 {n} 步</translation>
    </message>
    <message>
        <source>One sample (the whole batch)</source>
        <translation>一个样本（即整个批）</translation>
    </message>
    <message>
        <source>Sample {n} of {m}; ∂L/∂w is {how}, as the update uses</source>
        <translation>第 {n} / {m} 个样本；∂L/∂w 取{how}，与更新所用一致</translation>
    </message>
    <message>
        <source>Batch of {m} samples: z, a, δ per sample; ∂L/∂w {how}, as the update uses</source>
        <translation>{m} 个样本的批：z、a、δ 按样本；∂L/∂w 取{how}，与更新所用一致</translation>
    </message>
    <message>
        <source> (the chosen sample is not in this batch)</source>
        <translation>（所选样本不在本批中）</translation>
    </message>
    <message>
        <source>Input {x} (unit {j} of the input layer)</source>
        <translation>输入 {x}（输入层的单元 {j}）</translation>
    </message>
    <message>
        <source>Neuron {j} of {layer}: {z}, {a}</source>
        <translation>{layer}的神经元 {j}：{z}，{a}</translation>
    </message>
    <message>
        <source>Weight {w} (unit {i} of layer {src} → unit {j} of layer {l})</source>
        <translation>权重 {w}（第 {src} 层单元 {i} → 第 {l} 层单元 {j}）</translation>
    </message>
    <message>
        <source>Layer {l}: {layer}</source>
        <translation>第 {l} 层：{layer}</translation>
    </message>
    <message>
        <source>samples</source>
        <extracomment>Samples written out one per line in batch mode before &quot;… (n more samples)&quot;.</extracomment>
        <translation>样本</translation>
    </message>
    <message>
        <source>input layer</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>hidden layer {l}</source>
        <translation>隐藏层 {l}</translation>
    </message>
    <message>
        <source>the input layer</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>the output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Nothing computed yet: step through a training step (or train) to see the numbers.</source>
        <translation>尚未计算：逐步执行一个训练步（或开始训练）即可看到数值。</translation>
    </message>
    <message>
        <source>No update in this view: the values are at the current weights.</source>
        <translation>此视图中没有权重更新：数值基于当前权重。</translation>
    </message>
    <message>
        <source>The loss needs the targets and the loss function.</source>
        <translation>计算损失需要真实值和损失函数。</translation>
    </message>
    <message>
        <source>not computed yet in this step (pending: {title})</source>
        <translation>本步尚未计算（待执行：{title}）</translation>
    </message>
    <message>
        <source>sample {n}:</source>
        <translation>样本 {n}：</translation>
    </message>
    <message>
        <source>… ({n} more samples)</source>
        <translation>…（另有 {n} 个样本）</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>The loss is not finite: the step stopped here.</source>
        <translation>损失不是有限数：训练步在此停止。</translation>
    </message>
    <message>
        <source>Reported (the curve’s “Loss”): </source>
        <translation>报告值（曲线上的“损失”）：</translation>
    </message>
    <message>
        <source>Update ({label})</source>
        <translation>权重更新（{label}）</translation>
    </message>
    <message>
        <source>This layer’s biases are not trained: b stays as it is.</source>
        <translation>本层的偏置不参与训练：b 保持不变。</translation>
    </message>
    <message>
        <source>Next, {w} will move by −γ·∂L/∂w:</source>
        <translation>接下来，{w} 将移动 −γ·∂L/∂w：</translation>
    </message>
    <message>
        <source>Next, with plain gradient descent, {w} would move by −γ·∂L/∂w; {label} also uses its running state:</source>
        <translation>接下来，若用普通梯度下降，{w} 将移动 −γ·∂L/∂w；{label} 还会用到它累积的状态：</translation>
    </message>
    <message>
        <source>The weight from unit {i} of {src} to unit {j} of {dst}</source>
        <translation>从{src}的单元 {i} 到{dst}的单元 {j} 的权重</translation>
    </message>
    <message>
        <source>Its share of </source>
        <translation>它在其中所占的份额：</translation>
    </message>
    <message>
        <source>Gradient: which way, and how much, to move the weight</source>
        <translation>梯度：权重该往哪个方向移动、移动多少</translation>
    </message>
    <message>
        <source>Chain rule: </source>
        <translation>链式法则：</translation>
    </message>
    <message>
        <source>, and ∂ℓ/∂a · ∂a/∂z = δ, the neuron’s share of the blame.</source>
        <translation>，而 ∂ℓ/∂a · ∂a/∂z = δ，即该神经元应承担的误差份额。</translation>
    </message>
    <message>
        <source>Sample {n}’s term is one of the {m}; the update uses their mean.</source>
        <translation>样本 {n} 的这一项是 {m} 项之一；更新使用它们的均值。</translation>
    </message>
    <message>
        <source>Sample {n}’s term is one of the {m}; the update uses their sum.</source>
        <translation>样本 {n} 的这一项是 {m} 项之一；更新使用它们的总和。</translation>
    </message>
    <message>
        <source>w′ = w − γ·δ·a: a is how loud the input was, δ the neuron’s share of the blame.</source>
        <translation>w′ = w − γ·δ·a：a 表示输入有多“响”，δ 表示该神经元应承担的误差份额。</translation>
    </message>
    <message>
        <source>… ({n} more)</source>
        <translation>…（另有 {n} 项）</translation>
    </message>
    <message>
        <source>… ({n} more rows)</source>
        <translation>…（另有 {n} 行）</translation>
    </message>
    <message>
        <source>Input layer</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Forward pass of {layer}</source>
        <translation>{layer}的前向传播</translation>
    </message>
    <message>
        <source>{A} is m × {n_in} (one row per sample), {W} is {n_in} × {n_out}: W[i, j] connects unit i of layer {prev} to unit j of layer {l}.</source>
        <translation>{A} 为 m × {n_in}（每个样本一行），{W} 为 {n_in} × {n_out}：W[i, j] 连接第 {prev} 层的单元 i 与第 {l} 层的单元 j。</translation>
    </message>
    <message>
        <source>Backward: δ of {layer}</source>
        <translation>反向传播：{layer}的 δ</translation>
    </message>
    <message>
        <source>Gradients of {layer}</source>
        <translation>{layer}的梯度</translation>
    </message>
    <message>
        <source> (over the batch of {m})</source>
        <translation>（对 {m} 个样本的批）</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>权重更新</translation>
    </message>
    <message>
        <source>One row per sample: the lecture’s (</source>
        <translation>每个样本一行：即课程中的 (</translation>
    </message>
    <message>
        <source>) for a batch of row vectors.</source>
        <translation>) 用于一批行向量。</translation>
    </message>
    <message>
        <source>δ per sample, as in the lecture; the 1/m is in the gradient.</source>
        <translation>δ 按样本计算，与课程一致；1/m 在梯度中。</translation>
    </message>
    <message>
        <source>One training step</source>
        <translation>一个训练步</translation>
    </message>
    <message>
        <source>Forward: z⁽ˡ⁾ = a⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾); backward: δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾); update: w′ = w − γ·δ·a.</source>
        <translation>前向传播：z⁽ˡ⁾ = a⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾，a⁽ˡ⁾ = f(z⁽ˡ⁾)；反向传播：δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾)；权重更新：w′ = w − γ·δ·a。</translation>
    </message>
    <message>
        <source>Every weight moves against its gradient: w′ = w − γ·δ·a (γ the speed of adjustment, δ the share of blame, a how loud the input was).</source>
        <translation>每个权重都沿其梯度的反方向移动：w′ = w − γ·δ·a（γ 为调整速度，δ 为误差份额，a 为输入的“响度”）。</translation>
    </message>
    <message>
        <source>◀ this phase</source>
        <translation>◀ 当前阶段</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>The input layer computes nothing: it passes the sample’s feature on.</source>
        <translation>输入层不做计算：它只把样本的特征传下去。</translation>
    </message>
    <message>
        <source> (samples 1 … {n})</source>
        <translation>（样本 1 … {n}）</translation>
    </message>
    <message>
        <source>Forward pass ({layer}, unit {j})</source>
        <translation>前向传播（{layer}，单元 {j}）</translation>
    </message>
    <message>
        <source>(the inputs x are not part of this view)</source>
        <translation>（输入 x 不在此视图中）</translation>
    </message>
    <message>
        <source>Backward: δ, the neuron’s share of the blame (∂ℓ/∂z, per sample)</source>
        <translation>反向传播：δ，即该神经元应承担的误差份额（∂ℓ/∂z，按样本）</translation>
    </message>
    <message>
        <source>δ is per sample: L sums the samples’ losses, so δᵢ = ∂ℓᵢ/∂zᵢ = ∂L/∂zᵢ.</source>
        <translation>δ 按样本计算：L 是各样本损失之和，因此 δᵢ = ∂ℓᵢ/∂zᵢ = ∂L/∂zᵢ。</translation>
    </message>
    <message>
        <source>δ is per sample, δᵢ = m·∂L/∂zᵢ (m = {m}): {label} is not a sum of per-sample losses.</source>
        <translation>δ 按样本计算，δᵢ = m·∂L/∂zᵢ（m = {m}）：{label} 不是各样本损失之和。</translation>
    </message>
    <message>
        <source>δ is per sample, as in the lecture: δᵢ = ∂ℓᵢ/∂zᵢ, where L = (1/m) Σ ℓᵢ (m = {m}); the 1/m is in the gradient.</source>
        <translation>δ 按样本计算，与课程一致：δᵢ = ∂ℓᵢ/∂zᵢ，其中 L = (1/m) Σ ℓᵢ（m = {m}）；1/m 在梯度中。</translation>
    </message>
    <message>
        <source>{name} couples the outputs, so δ is the Jacobian–vector product δⱼ = aⱼ(gⱼ − Σₖ gₖaₖ) with g = ∂ℓ/∂a.</source>
        <translation>{name} 使各输出相互耦合，因此 δ 是雅可比矩阵与向量的乘积 δⱼ = aⱼ(gⱼ − Σₖ gₖaₖ)，其中 g = ∂ℓ/∂a。</translation>
    </message>
    <message>
        <source>Row {j} of </source>
        <translation>第 {j} 行，取自 </translation>
    </message>
    <message>
        <source>: the weights leaving this neuron carry the next layer’s δ back to it.</source>
        <translation>：离开该神经元的权重把下一层的 δ 传回给它。</translation>
    </message>
    <message>
        <source>Gradient of the bias</source>
        <translation>偏置的梯度</translation>
    </message>
    <message>
        <source>Sample {n}’s δ: </source>
        <translation>样本 {n} 的 δ：</translation>
    </message>
    <message>
        <source>; the update uses the mean over the batch.</source>
        <translation>；更新使用整批的均值。</translation>
    </message>
</context>
<context>
    <name>model.export</name>
    <message>
        <source>epochs must be at least 0, got {n}</source>
        <extracomment>Keyed by :func:`optimizer_key`: the registry name, or ``name+switch`` for a variant (Nesterov). The learning-rate schedules (``optimizer.schedule`` of a session): the body of ``learning_rate_at(step)``, an expression of ``learning_rate`` (γ₀) and ``step`` (t), the same Python arithmetic as the schedule&apos;s.</extracomment>
        <translation>轮次数至少为 0，得到的是 {n}</translation>
    </message>
    <message>
        <source>the log interval must be at least 1, got {n}</source>
        <translation>日志间隔至少为 1，得到的是 {n}</translation>
    </message>
    <message>
        <source>cannot export the activation {name!r} yet: it has no export snippet</source>
        <translation>暂时无法导出激活函数 {name!r}：它没有导出代码片段</translation>
    </message>
    <message>
        <source>cannot export the loss {name!r} yet: it has no export snippet</source>
        <translation>暂时无法导出损失函数 {name!r}：它没有导出代码片段</translation>
    </message>
    <message>
        <source>cannot export {loss} after {act} yet: its fused δ has no snippet</source>
        <translation>暂时无法导出 {act} 之后的 {loss}：其合并的 δ 没有代码片段</translation>
    </message>
    <message>
        <source>cannot export the optimizer {name!r} yet: it has no export snippet</source>
        <translation>暂时无法导出优化器 {name!r}：它没有导出代码片段</translation>
    </message>
    <message>
        <source>cannot export the schedule {name!r} yet: it has no export snippet</source>
        <translation>暂时无法导出学习率调度 {name!r}：它没有导出代码片段</translation>
    </message>
    <message>
        <source>unknown export target {target!r}; choose one of: {choices}</source>
        <translation>未知的导出目标 {target!r}；可选：{choices}</translation>
    </message>
</context>
<context>
    <name>model.files</name>
    <message>
        <source>no file name given</source>
        <extracomment>New files get the usual permissions (0666 less the umask), not mkstemp&apos;s private 0600.</extracomment>
        <translation>未给出文件名</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file</source>
        <translation>{path} 是文件夹，不是文件</translation>
    </message>
    <message>
        <source>cannot write {path}: the folder {folder} does not exist</source>
        <translation>无法写入 {path}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} is {size}; a {what} may be at most {limit}</source>
        <translation>{path} 大小为 {size}；{what}最大为 {limit}</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>model.initializers</name>
    <message>
        <source>Lecture: randn(fan_in, fan_out) from RandomState(seed), zero biases</source>
        <translation>课程方式：由 RandomState(seed) 生成 randn(fan_in, fan_out)，偏置为零</translation>
    </message>
    <message>
        <source>Xavier/Glorot uniform, for sigmoid and tanh</source>
        <translation>Xavier/Glorot 均匀分布，适用于 Sigmoid 和 Tanh</translation>
    </message>
    <message>
        <source>He normal, for ReLU</source>
        <translation>He 正态分布，适用于 ReLU</translation>
    </message>
    <message>
        <source>unknown initializer {name!r}; choose one of: {names}</source>
        <translation>未知的初始化方法 {name!r}；可选：{names}</translation>
    </message>
    <message>
        <source>a network needs an input and an output layer of size ≥ 1, got {sizes}</source>
        <translation>网络需要大小 ≥ 1 的输入层和输出层，得到的是 {sizes}</translation>
    </message>
</context>
<context>
    <name>model.landscape</name>
    <message>
        <source>parameter {index!r} does not exist; the network has {n} parameters</source>
        <extracomment>The batched forward pass works on this many bytes of activations at a time.</extracomment>
        <translation>参数 {index!r} 不存在；网络共有 {n} 个参数</translation>
    </message>
    <message>
        <source>choose two different parameters</source>
        <translation>请选择两个不同的参数</translation>
    </message>
</context>
<context>
    <name>model.loss_calculator</name>
    <message>
        <source>{what} is empty: give numbers such as 3,5,7</source>
        <extracomment>Values in one y_true or y_pred.</extracomment>
        <translation>{what} 为空：请给出数值，例如 3,5,7</translation>
    </message>
    <message>
        <source>{what} has {n:,} values, at most {max:,}</source>
        <translation>{what} 有 {n:,} 个值，最多 {max:,} 个</translation>
    </message>
    <message>
        <source>{what} row {i} has an empty value: {row}</source>
        <translation>{what} 第 {i} 行有空值：{row}</translation>
    </message>
    <message>
        <source>{what} is not a list of numbers such as [3, 5, 7] or [[1, 0], [0, 1]]</source>
        <translation>{what} 不是数值列表，例如 [3, 5, 7] 或 [[1, 0], [0, 1]]</translation>
    </message>
    <message>
        <source>{what} must be a list of numbers</source>
        <translation>{what} 必须是数值列表</translation>
    </message>
    <message>
        <source>{what}: {x!r} is not a number</source>
        <translation>{what}：{x!r} 不是数值</translation>
    </message>
    <message>
        <source>{what}: {field!r} is not a number</source>
        <translation>{what}：{field!r} 不是数值</translation>
    </message>
    <message>
        <source>{what}: {field!r} is not a finite number</source>
        <translation>{what}：{field!r} 不是有限数</translation>
    </message>
    <message>
        <source>{what} has an empty row</source>
        <translation>{what} 有空行</translation>
    </message>
    <message>
        <source>{what} row {i} has {k} values but row 1 has {n}: every row needs the same count</source>
        <translation>{what} 第 {i} 行有 {k} 个值，而第 1 行有 {n} 个：每行的个数必须相同</translation>
    </message>
    <message>
        <source>a loss needs a name, such as mse or huber:delta=0.5</source>
        <translation>损失函数需要名称，例如 mse 或 huber:delta=0.5</translation>
    </message>
    <message>
        <source>loss parameter {item!r} must look like key=value</source>
        <translation>损失函数参数 {item!r} 的格式应为 key=value</translation>
    </message>
    <message>
        <source>y_true has {a} but y_pred has {b}: they must match</source>
        <translation>y_true 为 {a}，而 y_pred 为 {b}：二者必须一致</translation>
    </message>
    <message>
        <source>{n} values</source>
        <translation>{n} 个值</translation>
    </message>
    <message>
        <source>{m} rows × {k} columns</source>
        <translation>{m} 行 × {k} 列</translation>
    </message>
    <message>
        <source>regression</source>
        <extracomment>What the targets must look like for each kind of output a loss declares (``Loss.output``).</extracomment>
        <translation>回归</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>labels or probabilities in [0, 1]</source>
        <translation>标签或 [0, 1] 内的概率</translation>
    </message>
    <message>
        <source>rows of class probabilities that sum to 1 (one-hot labels)</source>
        <translation>各行为和为 1 的类别概率（独热标签）</translation>
    </message>
    <message>
        <source>labels −1/+1 (or 0/1)</source>
        <translation>标签 −1/+1（或 0/1）</translation>
    </message>
    <message>
        <source>y_true has {a} but y_pred has {b}</source>
        <translation>y_true 为 {a}，而 y_pred 为 {b}</translation>
    </message>
    <message>
        <source>{name} is a {kind} loss</source>
        <translation>{name} 是{kind}损失</translation>
    </message>
    <message>
        <source>class labels</source>
        <translation>类别标签</translation>
    </message>
    <message>
        <source>{name} needs targets that are {need}</source>
        <translation>{name} 需要的真实值为{need}</translation>
    </message>
    <message>
        <source>{name} needs class labels as targets</source>
        <translation>{name} 需要类别标签作为真实值</translation>
    </message>
    <message>
        <source>{name} does not apply here: {reason}</source>
        <translation>{name} 在此不适用：{reason}</translation>
    </message>
</context>
<context>
    <name>model.losses</name>
    <message>
        <source>Drawn in the upper plot, for one sample with y = 0 and ŷ = −e.</source>
        <extracomment>Probabilities are clipped to [EPS, 1 − EPS] before ``log`` and divisions. Beyond this |x|, e^(−2|x|) no longer changes log cosh(x) in double precision. A parameter whose ±value the regression plot marks with vertical lines (Huber&apos;s δ).</extracomment>
        <translation>画在上方的图中：单个样本，y = 0，ŷ = −e。</translation>
    </message>
    <message>
        <source>Drawn in the lower plot, for one sample of the true class: y = 1, ŷ = p.</source>
        <translation>画在下方的图中：真实类别的单个样本，y = 1，ŷ = p。</translation>
    </message>
    <message>
        <source>Drawn in the lower plot, for one sample over two classes: y = (1, 0), ŷ = (p, 1 − p).</source>
        <translation>画在下方的图中：两个类别上的单个样本，y = (1, 0)，ŷ = (p, 1 − p)。</translation>
    </message>
    <message>
        <source>{n} unit</source>
        <translation>{n} 个单元</translation>
    </message>
    <message>
        <source>{n} units</source>
        <translation>{n} 个单元</translation>
    </message>
    <message>
        <source>the {name} loss</source>
        <extracomment>A single output column above this is the positive class (scores of ±: 0; probabilities: ½). True when L is a sum (or mean) of per-sample losses ℓᵢ; False for RMSE, whose root spans the batch. What an exported script writes for it (:mod:`model.export`); ``None``: it cannot be exported yet.</extracomment>
        <translation>{name} 损失</translation>
    </message>
    <message>
        <source>{label}: {how}</source>
        <translation>{label}: {how}</translation>
    </message>
    <message>
        <source>averaged over all N = {N} outputs (m = {m} samples).</source>
        <translation>对全部 N = {N} 个输出取平均（m = {m} 个样本）。</translation>
    </message>
    <message>
        <source>the targets have shape {y} but the predictions have shape {p}; the {label} loss needs them to match</source>
        <extracomment>True for element-wise losses: the per-sample gradient carries 1/k for k outputs per sample.</extracomment>
        <translation>真实值的形状为 {y}，而预测值的形状为 {p}；{label} 损失要求二者一致</translation>
    </message>
    <message>
        <source>the {label} loss needs at least one prediction</source>
        <translation>{label} 损失至少需要一个预测值</translation>
    </message>
    <message>
        <source>expected a 1-D or 2-D array of probabilities, got {n} dimensions</source>
        <translation>应为一维或二维的概率数组，得到的是 {n} 维</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>均方误差 (MSE)</translation>
    </message>
    <message>
        <source>most sensitive to large errors (grows fastest); the usual regression loss</source>
        <translation>对大误差最敏感（增长最快）；最常用的回归损失</translation>
    </message>
    <message>
        <source>reduction</source>
        <translation>汇总方式</translation>
    </message>
    <message>
        <source>summed over all {N} outputs of the batch, no 1/N.</source>
        <translation>对本批全部 {N} 个输出求和，不乘 1/N。</translation>
    </message>
    <message>
        <source>MAE (L1)</source>
        <translation>平均绝对误差 (MAE, L1)</translation>
    </message>
    <message>
        <source>grows linearly; robust to outliers; easy to interpret</source>
        <translation>线性增长；对异常值鲁棒；易于解释</translation>
    </message>
    <message>
        <source>∂L/∂ŷ = sign(ŷ − y)/N   (0 where ŷ = y)</source>
        <translation>∂L/∂ŷ = sign(ŷ − y)/N   （ŷ = y 处为 0）</translation>
    </message>
    <message>
        <source>Huber (δ)</source>
        <translation>Huber (δ)</translation>
    </message>
    <message>
        <source>Huber loss</source>
        <translation>Huber 损失</translation>
    </message>
    <message>
        <source>MSE for small errors, MAE for large ones; balances the two</source>
        <translation>小误差时像 MSE，大误差时像 MAE；兼顾两者</translation>
    </message>
    <message>
        <source>&amp;Huber δ</source>
        <translation>Huber 损失 δ(&amp;H)</translation>
    </message>
    <message>
        <source>Huber&apos;s δ: quadratic (MSE-like) for |e| ≤ δ, linear (MAE-like) beyond. Shrink it to watch Huber turn from MSE-like to MAE-like.</source>
        <translation>Huber 损失的 δ：|e| ≤ δ 时为二次（类似 MSE），超出后为线性（类似 MAE）。减小 δ，观察 Huber 损失从类似 MSE 变为类似 MAE。</translation>
    </message>
    <message>
        <source>Log-Cosh</source>
        <translation>Log-Cosh</translation>
    </message>
    <message>
        <source>like MSE but smoother; insensitive to outliers; more expensive to compute</source>
        <translation>类似 MSE 但更平滑；对异常值不敏感；计算开销更大</translation>
    </message>
    <message>
        <source>Quantile (q)</source>
        <translation>分位数损失 (q)</translation>
    </message>
    <message>
        <source>Quantile loss</source>
        <translation>分位数损失</translation>
    </message>
    <message>
        <source>asymmetric; for quantile regression (e.g. the 90% quantile)</source>
        <translation>不对称；用于分位数回归（如 90% 分位数）</translation>
    </message>
    <message>
        <source>&amp;Quantile q</source>
        <translation>分位数 q(&amp;Q)</translation>
    </message>
    <message>
        <source>Under-prediction (e &gt; 0) costs q per unit, over-prediction 1 − q; q = 0.5 is MAE / 2.</source>
        <translation>预测偏低（e &gt; 0）每单位代价为 q，预测偏高为 1 − q；q = 0.5 时等于 MAE / 2。</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>均方根误差 (RMSE)</translation>
    </message>
    <message>
        <source>square root of MSE; in the units of the target</source>
        <translation>MSE 的平方根；与真实值的单位相同</translation>
    </message>
    <message>
        <source>Drawn in the upper plot: for one sample RMSE = √(e²) = |e|, the same curve as MAE.</source>
        <translation>画在上方的图中：对单个样本 RMSE = √(e²) = |e|，与 MAE 是同一条曲线。</translation>
    </message>
    <message>
        <source>{name} (= MAE here)</source>
        <translation>{name}（此处 = MAE）</translation>
    </message>
    <message>
        <source>∂L/∂ŷ = (ŷ − y)/(N·L)   (0 when L = 0)</source>
        <translation>∂L/∂ŷ = (ŷ − y)/(N·L)   （L = 0 时为 0）</translation>
    </message>
    <message>
        <source>MBE</source>
        <translation>平均偏差误差 (MBE)</translation>
    </message>
    <message>
        <source>average signed bias; rarely used for training</source>
        <translation>带符号的平均偏差；很少用于训练</translation>
    </message>
    <message>
        <source>{title} needs a sigmoid output layer, whose units are probabilities in (0, 1), but the output layer is {act} with {units}.</source>
        <translation>{title} 需要 Sigmoid 输出层（其单元是 (0, 1) 内的概率），但输出层是 {act}，有 {units}。</translation>
    </message>
    <message>
        <source>Binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>binary classification</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>δ = (ŷ − y)/k per sample, k outputs each (sigmoid + binary cross-entropy)</source>
        <translation>每个样本 δ = (ŷ − y)/k，每个样本 k 个输出（Sigmoid + 二元交叉熵）</translation>
    </message>
    <message>
        <source>Sigmoid + binary cross-entropy: σ′ = ŷ(1 − ŷ) cancels the ŷ(1 − ŷ) in ∂ℓ/∂ŷ, leaving the error itself.</source>
        <translation>Sigmoid + 二元交叉熵：σ′ = ŷ(1 − ŷ) 与 ∂ℓ/∂ŷ 中的 ŷ(1 − ŷ) 相消，只剩误差本身。</translation>
    </message>
    <message>
        <source>The 1/k is the mean over the k = {k} outputs of a sample.</source>
        <translation>1/k 是对一个样本的 k = {k} 个输出取平均。</translation>
    </message>
    <message>
        <source>{act} with {units}</source>
        <translation>{act}，{units}</translation>
    </message>
    <message>
        <source>, which always outputs 1</source>
        <translation>，它的输出恒为 1</translation>
    </message>
    <message>
        <source>; for a single yes/no output use a sigmoid layer with binary cross-entropy</source>
        <translation>；单个是/否输出请用 Sigmoid 层配合二元交叉熵</translation>
    </message>
    <message>
        <source>{title} needs a softmax output layer with at least 2 units, so that each row is a probability distribution, but the output layer is {have}.</source>
        <translation>{title} 需要至少 2 个单元的 Softmax 输出层，使每一行是一个概率分布，但输出层是 {have}。</translation>
    </message>
    <message>
        <source>summed over the classes, averaged over the m = {m} samples.</source>
        <translation>对各类别求和，再对 m = {m} 个样本取平均。</translation>
    </message>
    <message>
        <source>Softmax + cross-entropy: the softmax Jacobian times ∂ℓ/∂ŷ = −{y}/ŷ simplifies to the error itself.</source>
        <translation>Softmax + 交叉熵：Softmax 的雅可比矩阵乘以 ∂ℓ/∂ŷ = −{y}/ŷ，化简后就是误差本身。</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>multi-class standard, used with softmax</source>
        <translation>多分类的标准损失，与 softmax 配合使用</translation>
    </message>
    <message>
        <source>{name} (= BCE here)</source>
        <translation>{name}（此处 = BCE）</translation>
    </message>
    <message>
        <source>δ = ŷ − y per sample (softmax + cross-entropy)</source>
        <translation>每个样本 δ = ŷ − y（Softmax + 交叉熵）</translation>
    </message>
    <message>
        <source>Label-smoothing CE (ε)</source>
        <translation>标签平滑交叉熵 (ε)</translation>
    </message>
    <message>
        <source>Label-smoothing cross-entropy</source>
        <translation>标签平滑交叉熵</translation>
    </message>
    <message>
        <source>spreads ε of the probability uniformly over the classes; fights over-fitting and over-confidence</source>
        <translation>把 ε 的概率均匀分给各个类别；抑制过拟合和过度自信</translation>
    </message>
    <message>
        <source>&amp;Smoothing ε</source>
        <translation>平滑系数 ε(&amp;S)</translation>
    </message>
    <message>
        <source>Label smoothing&apos;s ε: the target becomes (1 − ε/2, ε/2) for two classes, so the loss is smallest before p = 1: it discourages over-confidence.</source>
        <translation>标签平滑的 ε：两个类别时目标变为 (1 − ε/2, ε/2)，因此损失在 p = 1 之前就达到最小：它抑制过度自信。</translation>
    </message>
    <message>
        <source>δ = ŷ − ỹ per sample, ỹ = (1 − ε)·y + ε/K (softmax + label-smoothing cross-entropy)</source>
        <translation>每个样本 δ = ŷ − ỹ，ỹ = (1 − ε)·y + ε/K（Softmax + 标签平滑交叉熵）</translation>
    </message>
    <message>
        <source>Focal (γ, α)</source>
        <translation>焦点损失 Focal (γ, α)</translation>
    </message>
    <message>
        <source>Focal loss</source>
        <translation>焦点损失 (Focal Loss)</translation>
    </message>
    <message>
        <source>down-weights easy examples; for class imbalance (object detection)</source>
        <translation>降低易分样本的权重；用于类别不平衡（目标检测）</translation>
    </message>
    <message>
        <source>α (empty: no class weighting)</source>
        <translation>α（留空：不按类别加权）</translation>
    </message>
    <message>
        <source>&amp;Focal γ</source>
        <translation>焦点损失 γ(&amp;F)</translation>
    </message>
    <message>
        <source>Focal loss&apos;s γ: the larger, the less an already well-classified sample (p near 1) counts; γ = 0 is binary cross-entropy.</source>
        <translation>焦点损失的 γ：γ 越大，已被正确分类的样本（p 接近 1）所占的分量越小；γ = 0 即二元交叉熵。</translation>
    </message>
    <message>
        <source>KL divergence</source>
        <translation>KL 散度</translation>
    </message>
    <message>
        <source>the difference between two distributions; generative models</source>
        <translation>衡量两个分布之间的差异；用于生成模型</translation>
    </message>
    <message>
        <source>Drawn in the lower plot, for y = (1, 0), ŷ = (p, 1 − p): with a one-hot y, KL equals cross-entropy, since the entropy of y is 0.</source>
        <translation>画在下方的图中，y = (1, 0)，ŷ = (p, 1 − p)：y 为独热编码时其熵为 0，所以 KL 散度等于交叉熵。</translation>
    </message>
    <message>
        <source>{name} (= CE here)</source>
        <translation>{name}（此处 = CE）</translation>
    </message>
    <message>
        <source>Hinge</source>
        <translation>Hinge 损失</translation>
    </message>
    <message>
        <source>penalises wrong and unconfident predictions; SVMs</source>
        <translation>惩罚错误和不够自信的预测；用于支持向量机 (SVM)</translation>
    </message>
    <message>
        <source>Drawn in the lower plot against the score s = ln(p / (1 − p)) of the top axis, the raw output that a sigmoid would turn into p, with y = +1.</source>
        <translation>画在下方的图中，横轴为上方坐标轴的得分 s = ln(p / (1 − p))，即经 sigmoid 后变为 p 的原始输出，y = +1。</translation>
    </message>
    <message>
        <source>{name} (vs score s, top axis)</source>
        <translation>{name}（横轴为得分 s，见上方坐标轴）</translation>
    </message>
    <message>
        <source>L = (1/N) Σ max(0, 1 − y·ŷ),  y ∈ {−1, +1} (0 is read as −1)</source>
        <translation>L = (1/N) Σ max(0, 1 − y·ŷ)，y ∈ {−1, +1}（0 视为 −1）</translation>
    </message>
    <message>
        <source>∂L/∂ŷ = −y/N where y·ŷ &lt; 1, else 0</source>
        <translation>∂L/∂ŷ = −y/N（当 y·ŷ &lt; 1），否则为 0</translation>
    </message>
    <message>
        <source>hinge loss needs labels −1 and +1 (or 0 and 1, 0 meaning −1), got {y:g}</source>
        <translation>Hinge 损失需要标签 −1 和 +1（或 0 和 1，0 表示 −1），得到的是 {y:g}</translation>
    </message>
    <message>
        <source>, whose outputs are never negative</source>
        <translation>，它的输出从不为负</translation>
    </message>
    <message>
        <source>Hinge loss needs a raw score output (a linear or tanh layer) that is positive for the +1 class and negative for the −1 class, but the output layer is {act}{why}.</source>
        <translation>Hinge 损失需要原始得分输出（线性层或 Tanh 层），对 +1 类为正、对 −1 类为负，但输出层是 {act}{why}。</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>fraction of samples classified correctly; a metric, not a training loss</source>
        <translation>分类正确的样本比例；是评估指标，不是训练损失</translation>
    </message>
    <message>
        <source>acc = (1/m) Σᵢ 1[class(ŷᵢ) = class(yᵢ)]</source>
        <translation>准确率 = (1/m) Σᵢ 1[类别(ŷᵢ) = 类别(yᵢ)]</translation>
    </message>
    <message>
        <source>none: accuracy is piecewise constant</source>
        <translation>无：准确率是分段常数</translation>
    </message>
    <message>
        <source>threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>accuracy is a metric and has no gradient</source>
        <translation>准确率是评估指标，没有梯度</translation>
    </message>
    <message>
        <source>unknown loss {name}; choose one of: {names}</source>
        <translation>未知的损失函数 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>a loss must be given as a mapping with a &apos;name&apos;, got {d}</source>
        <translation>损失函数必须以带 &apos;name&apos; 的映射给出，得到的是 {d}</translation>
    </message>
    <message>
        <source>unknown kind {kind}; choose one of: {kinds}</source>
        <translation>未知的类型 {kind}；可选：{kinds}</translation>
    </message>
</context>
<context>
    <name>model.network</name>
    <message>
        <source>weights and biases must be rectangular tables of numbers</source>
        <translation>权重和偏置必须是由数值组成的矩形表格</translation>
    </message>
    <message>
        <source>weights must be a 2-D fan_in × fan_out matrix, got shape {shape}</source>
        <translation>权重必须是 fan_in × fan_out 的二维矩阵，得到的形状是 {shape}</translation>
    </message>
    <message>
        <source>a layer with {n} units needs {n} biases, got {got}</source>
        <translation>有 {n} 个单元的层需要 {n} 个偏置，得到的是 {got}</translation>
    </message>
    <message>
        <source>train_bias must be true or false, got {value!r}</source>
        <translation>train_bias 必须是 true 或 false，得到的是 {value!r}</translation>
    </message>
    <message>
        <source>a network needs at least one layer</source>
        <translation>网络至少需要一层</translation>
    </message>
    <message>
        <source>layer {i} has {units} units but layer {j} expects {inputs} inputs</source>
        <translation>第 {i} 层有 {units} 个单元，但第 {j} 层需要 {inputs} 个输入</translation>
    </message>
    <message>
        <source>{activation} can only be used on the output layer (layer {i} is hidden)</source>
        <translation>{activation} 只能用于输出层（第 {i} 层是隐藏层）</translation>
    </message>
    <message>
        <source>{n} layers need {n} activations, got {got}</source>
        <translation>{n} 层需要 {n} 个激活函数，得到的是 {got}</translation>
    </message>
    <message>
        <source>the network expects {n} inputs per sample, got {got}</source>
        <translation>网络每个样本需要 {n} 个输入，得到的是 {got}</translation>
    </message>
    <message>
        <source>the network needs a &apos;layers&apos; list</source>
        <translation>网络需要 &apos;layers&apos; 列表</translation>
    </message>
    <message>
        <source>layer {i} must be an object with &apos;weights&apos;, &apos;biases&apos; and &apos;activation&apos;</source>
        <translation>第 {i} 层必须是含 &apos;weights&apos;、&apos;biases&apos; 和 &apos;activation&apos; 的对象</translation>
    </message>
    <message>
        <source>layer {i} needs {key!r}</source>
        <translation>第 {i} 层需要 {key!r}</translation>
    </message>
    <message>
        <source>layer {i}: {error}</source>
        <translation>第 {i} 层：{error}</translation>
    </message>
    <message>
        <source>layer {i} has a non-finite weight</source>
        <translation>第 {i} 层有非有限的权重</translation>
    </message>
    <message>
        <source>layer {i} has a non-finite bias</source>
        <translation>第 {i} 层有非有限的偏置</translation>
    </message>
</context>
<context>
    <name>model.notation</name>
    <message>
        <source>… ({n} more terms)</source>
        <extracomment>The diagram&apos;s diverging palette (colour-blind safe): blue for negative, orange for positive. Terms of a sum written out before &quot;+ … (n more terms)&quot;.</extracomment>
        <translation>…（另有 {n} 项）</translation>
    </message>
</context>
<context>
    <name>model.optimizers</name>
    <message>
        <source>unknown optimizer {name}; choose one of: {names}</source>
        <extracomment>Every optimizer class, variants included (Nesterov is ``momentum`` with ``nesterov=True``). Registry name → class, in the order the GUI offers them; a variant is reached through its base.</extracomment>
        <translation>未知的优化器 {name}；可选：{names}</translation>
    </message>
    <message>
        <source>the optimizer must be an object with a &apos;name&apos;</source>
        <translation>优化器必须是带 &apos;name&apos; 的对象</translation>
    </message>
    <message>
        <source>the optimizer needs a &apos;name&apos;</source>
        <translation>优化器需要 &apos;name&apos;</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>optimizer {name}</source>
        <extracomment>The running buffers, e.g. ``(&quot;velocity&quot;,)``; empty for a stateless optimizer (SGD). For a variant: the bool parameter that selects it (see the class docstring). What an exported script writes for it (:mod:`model.export`); ``None``: it cannot be exported yet.</extracomment>
        <translation>优化器 {name}</translation>
    </message>
    <message>
        <source>{label} needs {switch} = true</source>
        <translation>{label} 需要 {switch} = true</translation>
    </message>
    <message>
        <source>{label}: {formula} (its state was not recorded in this step)</source>
        <translation>{label}：{formula}（本步未记录其状态）</translation>
    </message>
    <message>
        <source>the optimizer state must be an object with &apos;t&apos; and lists of arrays</source>
        <translation>优化器状态必须是含 &apos;t&apos; 和数组列表的对象</translation>
    </message>
    <message>
        <source>the optimizer state&apos;s step count &apos;t&apos; must be a whole number ≥ 0, got {t}</source>
        <translation>优化器状态的步数 &apos;t&apos; 必须是 ≥ 0 的整数，得到的是 {t}</translation>
    </message>
    <message>
        <source>optimizer state {key} must be a list of number arrays</source>
        <translation>优化器状态 {key} 必须是数值数组的列表</translation>
    </message>
    <message>
        <source>optimizer state {key} does not match the network&apos;s shapes</source>
        <translation>优化器状态 {key} 与网络的形状不符</translation>
    </message>
    <message>
        <source>the learning rate must be a number, got {lr}</source>
        <translation>学习率必须是数值，得到的是 {lr}</translation>
    </message>
    <message>
        <source>the learning rate must be a positive finite number, got {lr:g}</source>
        <translation>学习率必须是有限正数，得到的是 {lr:g}</translation>
    </message>
    <message>
        <source>SGD + momentum</source>
        <translation>SGD + 动量法</translation>
    </message>
    <message>
        <source>momentum μ</source>
        <translation>动量 μ</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量法</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD（梯度下降）</translation>
    </message>
</context>
<context>
    <name>model.params</name>
    <message>
        <source>{name} must be {options}, got {value}</source>
        <translation>{name} 必须是 {options}，得到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be a number, got None</source>
        <translation>{name} 必须是数值，得到的是 None</translation>
    </message>
    <message>
        <source>{name} must be a number, got {value}</source>
        <translation>{name} 必须是数值，得到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be a finite number, got {value}</source>
        <translation>{name} 必须是有限数，得到的是 {value}</translation>
    </message>
    <message>
        <source>between {lo:g} and {hi:g}</source>
        <translation>介于 {lo:g} 与 {hi:g} 之间</translation>
    </message>
    <message>
        <source>at least {lo:g}</source>
        <translation>至少为 {lo:g}</translation>
    </message>
    <message>
        <source>at most {hi:g}</source>
        <translation>至多为 {hi:g}</translation>
    </message>
    <message>
        <source>{name} must be {rule}, got {value:g}</source>
        <translation>{name} 必须{rule}，得到的是 {value:g}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{owner} has no parameter {key}; its parameters are: {known}</source>
        <translation>{owner} 没有参数 {key}；它的参数有：{known}</translation>
    </message>
</context>
<context>
    <name>model.presets</name>
    <message>
        <source>XOR, the lecture&apos;s numpy network</source>
        <translation>XOR：课程中的 numpy 网络</translation>
    </message>
    <message>
        <source>The lecture&apos;s worked code: a 2-3-1 sigmoid network on XOR, randn weights from seed 43, zero biases, full-batch gradient descent with learning rate 0.1. It trains on ½·MSE and reports MSE, as the lecture&apos;s loop does; the loss falls from 0.3741 to 0.0487 by epoch 9000.</source>
        <translation>课程中的示例代码：在 XOR 上训练的 2-3-1 Sigmoid 网络，权重由种子 43 的 randn 生成，偏置为零，学习率 0.1 的全批量梯度下降。它以 ½·MSE 训练、报告 MSE，与课程中的循环一致；到第 9000 轮次，损失从 0.3741 降到 0.0487。</translation>
    </message>
    <message>
        <source>Learning rate 0.1 against 1.0 from the same weights: the larger step reaches in about 1,000 epochs the loss the lecture&apos;s γ = 0.1 needs 10,000 for, and both find the XOR boundary.</source>
        <translation>从相同的权重出发，学习率 0.1 对比 1.0：较大的步长约 1,000 个轮次就达到课程中 γ = 0.1 需要 10,000 个轮次才达到的损失，两者都找到了 XOR 的决策边界。</translation>
    </message>
    <message>
        <source>The classic step-by-step example (2-2-2)</source>
        <translation>经典的逐步计算示例 (2-2-2)</translation>
    </message>
    <message>
        <source>The published worked example: one sample x = (0.05, 0.10) with targets (0.01, 0.99), a 2-2-2 sigmoid network with the weights w1 … w8 and the biases b1 = 0.35, b2 = 0.60 as published, loss E = ½·Σ(t − o)², learning rate 0.5, and, as published, the biases are not trained. The first step&apos;s E_total is 0.298371109; step through it phase by phase and check every number. After one update E is 0.29102777 and after 10,000 updates 3.5102e-05; the published 0.291027924 and 0.0000351085 were computed from rounded intermediate values.</source>
        <translation>已发表的逐步计算示例：一个样本 x = (0.05, 0.10)，真实值 (0.01, 0.99)，2-2-2 Sigmoid 网络，权重 w1 … w8 与偏置 b1 = 0.35、b2 = 0.60 均按原文，损失 E = ½·Σ(t − o)²，学习率 0.5，并且与原文一样不训练偏置。第一步的 E_total 为 0.298371109；逐阶段执行并核对每个数值。一次更新后 E 为 0.29102777，10,000 次更新后为 3.5102e-05；原文的 0.291027924 和 0.0000351085 是由舍入后的中间值算出的。</translation>
    </message>
    <message>
        <source>The published γ = 0.5 against γ = 5: with ten times the step, E falls to 0.018 in 10 updates where γ = 0.5 is still at 0.22; on this one sample a large step does not overshoot yet.</source>
        <translation>原文的 γ = 0.5 对比 γ = 5：步长大十倍时，10 次更新后 E 降到 0.018，而 γ = 0.5 仍在 0.22；在这一个样本上，大步长还不会越过最小值。</translation>
    </message>
    <message>
        <source>One neuron: ŷ = wx + b</source>
        <translation>单个神经元：ŷ = wx + b</translation>
    </message>
    <message>
        <source>The lecture&apos;s example of why gradients: one linear neuron ŷ = wx + b on one sample (x = 2, y = 5) with the loss L = ½(ŷ − y)². The chain rule gives ∂L/∂w = (wx + b − y)·x and ∂L/∂b = wx + b − y: the sign of the gradient says which way to move the weight, its size how far. From w = 0.5, b = 0: ŷ = 1, ∂L/∂w = (1 − 5)·2 = −8 and ∂L/∂b = −4, so with learning rate γ = 0.1 the update w′ = w − γ·∂L/∂w gives w = 1.3 and b = 0.4. Each step of gradient descent (梯度下降) halves the error.</source>
        <translation>课程中说明为什么需要梯度的例子：一个线性神经元 ŷ = wx + b，一个样本 (x = 2, y = 5)，损失 L = ½(ŷ − y)²。由链式法则得 ∂L/∂w = (wx + b − y)·x，∂L/∂b = wx + b − y：梯度的符号说明权重往哪个方向移动，大小说明移动多远。从 w = 0.5、b = 0 出发：ŷ = 1，∂L/∂w = (1 − 5)·2 = −8，∂L/∂b = −4，因此学习率 γ = 0.1 时，更新 w′ = w − γ·∂L/∂w 得到 w = 1.3、b = 0.4。梯度下降的每一步都使误差减半。</translation>
    </message>
    <message>
        <source>γ = 0.1 against γ = 0.35: the error ŷ − y shrinks by ½ per step with 0.1, but with 0.35 the step overshoots and the error changes sign every step (×(−0.75)); above 0.4 it would diverge.</source>
        <translation>γ = 0.1 对比 γ = 0.35：用 0.1 时误差 ŷ − y 每步缩小一半，用 0.35 时步长越过了最小值，误差每步变号（×(−0.75)）；超过 0.4 就会发散。</translation>
    </message>
    <message>
        <source>Vanishing gradients in a deep sigmoid net</source>
        <translation>深层 Sigmoid 网络中的梯度消失</translation>
    </message>
    <message>
        <source>Seven sigmoid layers on the two moons: σ′ is at most 0.25, so δ shrinks by that factor or more at each layer on its way back. At the first step the first layer&apos;s gradient is over a thousand times smaller than the last layer&apos;s (梯度消失), and the network stalls at the loss ln 2 ≈ 0.693 for about 8,000 steps. It trains at 100 steps per second, so the plateau lasts over a minute. Under Gradients per layer, ‖δ(l)‖ of the first layer stays about 5,000 times below the last layer&apos;s; then compare it side by side with ReLU hidden layers (View → Compare).</source>
        <translation>在双月数据上的七层 Sigmoid 网络：σ′ 至多为 0.25，因此 δ 在反向传回的每一层都至少缩小这么多倍。第一步时，第一层的梯度比最后一层小一千多倍（梯度消失），网络在损失 ln 2 ≈ 0.693 处停滞约 8,000 步。它以每秒 100 步训练，因此平台期会持续一分钟以上。在“各层梯度”中，第一层的 ‖δ(l)‖ 始终比最后一层低约 5,000 倍；然后与 ReLU 隐藏层并排比较（视图 → 比较）。</translation>
    </message>
    <message>
        <source>The same weights with sigmoid or ReLU hidden layers: ReLU&apos;s derivative is 1 where a unit is active, so δ reaches the first layer and the loss leaves ln 2 ≈ 0.693 within 100 steps, while the sigmoid network stays on its plateau for about 8,000 steps.</source>
        <translation>相同的权重，隐藏层用 Sigmoid 或 ReLU：ReLU 在单元激活处导数为 1，因此 δ 能传到第一层，损失在 100 步内离开 ln 2 ≈ 0.693，而 Sigmoid 网络在平台期停留约 8,000 步。</translation>
    </message>
    <message>
        <source>Regression with outliers: Huber loss</source>
        <translation>含异常值的回归：Huber 损失</translation>
    </message>
    <message>
        <source>A line plus 10% gross outliers. Huber is MSE for small errors and MAE for large ones, so the outliers pull the fit far less than under MSE (鲁棒性). Switch the loss to MSE and watch the fit tilt.</source>
        <translation>一条直线加上 10% 的严重异常值。Huber 对小误差相当于 MSE、对大误差相当于 MAE，因此异常值对拟合的拉扯远小于 MSE（鲁棒性）。把损失函数换成 MSE，看拟合线如何倾斜。</translation>
    </message>
    <message>
        <source>MSE against Huber on the same data: the outliers lift the MSE fit above the true line, while the Huber fit stays on the line. The two curves measure different losses: compare the fits.</source>
        <translation>同一数据上 MSE 对比 Huber：异常值把 MSE 的拟合线抬到真实直线之上，而 Huber 的拟合线留在直线上。两条曲线衡量的是不同的损失：请比较拟合结果。</translation>
    </message>
    <message>
        <source>Class imbalance: focal loss</source>
        <translation>类别不平衡：焦点损失</translation>
    </message>
    <message>
        <source>95% negatives and 5% positives. Focal loss down-weights the easy, well-classified majority so the few positives still drive learning (焦点损失).</source>
        <translation>95% 负样本、5% 正样本。焦点损失降低了容易分类的多数样本的权重，使少数正样本仍能推动学习（焦点损失）。</translation>
    </message>
    <message>
        <source>Binary cross-entropy against focal loss: after 5 epochs BCE still puts every positive below ½, while focal loss, which down-weights the easy negatives, already finds all ten; after 200 epochs BCE still misses one. The two curves measure different losses: compare the outputs.</source>
        <translation>二元交叉熵对比焦点损失：5 个轮次后 BCE 仍把每个正样本判在 ½ 以下，而降低了易分负样本权重的焦点损失已经找出全部十个；200 个轮次后 BCE 仍漏掉一个。两条曲线衡量的是不同的损失：请比较输出。</translation>
    </message>
    <message>
        <source>Two spirals with Adam</source>
        <translation>用 Adam 训练双螺旋</translation>
    </message>
    <message>
        <source>Two interleaved spirals need a curved boundary: a 2-16-16-1 tanh network trained with Adam and binary cross-entropy on mini-batches of 32.</source>
        <translation>两条交错的螺旋需要弯曲的决策边界：2-16-16-1 的 Tanh 网络，用 Adam 和二元交叉熵在大小为 32 的小批量上训练。</translation>
    </message>
    <message>
        <source>Plain SGD against Adam, both with γ = 0.01: SGD&apos;s loss hardly leaves ln 2 ≈ 0.69 in 500 epochs, while Adam&apos;s per-weight step sizes bring it below 0.3 and wind the boundary around the spirals.</source>
        <translation>普通 SGD 对比 Adam，γ 均为 0.01：500 个轮次内 SGD 的损失几乎离不开 ln 2 ≈ 0.69，而 Adam 按权重调整的步长使损失降到 0.3 以下，决策边界绕着螺旋弯曲。</translation>
    </message>
    <message>
        <source>A learning rate that is too large</source>
        <translation>学习率过大</translation>
    </message>
    <message>
        <source>Linear regression with learning rate 1.6: each step overshoots the minimum by more than it corrects, so the loss oscillates with growing amplitude and then diverges. The divergence guard stops training and keeps the last finite weights; lower the learning rate to 0.1 and train again.</source>
        <translation>学习率为 1.6 的线性回归：每一步越过最小值的幅度都大于它的修正，因此损失振荡且振幅越来越大，最终发散。发散保护会停止训练并保留最后一组有限的权重；把学习率降到 0.1 再训练一次。</translation>
    </message>
    <message>
        <source>γ = 1.6 against γ = 0.1: the large rate&apos;s loss grows by orders of magnitude until the divergence guard stops that side, while γ = 0.1 settles at the best line.</source>
        <translation>γ = 1.6 对比 γ = 0.1：大学习率的损失增长好几个数量级，直到发散保护停止那一侧，而 γ = 0.1 稳定在最佳直线上。</translation>
    </message>
    <message>
        <source>Three classes: softmax + cross-entropy</source>
        <translation>三分类：Softmax + 交叉熵</translation>
    </message>
    <message>
        <source>Three Gaussian blobs and a softmax output layer trained with cross-entropy (交叉熵). At the output, δ = ŷ − y: the softmax and the cross-entropy derivative simplify to the error itself.</source>
        <translation>三团高斯分布的数据，Softmax 输出层用交叉熵训练。在输出层 δ = ŷ − y：Softmax 与交叉熵的导数化简后就是误差本身。</translation>
    </message>
    <message>
        <source>SGD against SGD with momentum 0.9 at the same γ: momentum adds up the steps that agree, so its loss falls about ten times faster in the first epochs.</source>
        <translation>相同 γ 下 SGD 对比动量 0.9 的 SGD：动量法累加方向一致的步，因此最初几个轮次的损失下降快约十倍。</translation>
    </message>
    <message>
        <source>Fit a sine curve</source>
        <translation>拟合正弦曲线</translation>
    </message>
    <message>
        <source>A 1-D regression: a 1-16-16-1 tanh network learns y = sin(x) from noisy samples with MSE and Adam.</source>
        <translation>一维回归：1-16-16-1 的 Tanh 网络用 MSE 和 Adam 从带噪声的样本中学习 y = sin(x)。</translation>
    </message>
    <message>
        <source>tanh against ReLU hidden layers: both fit the sine, but the ReLU network&apos;s curve is made of straight pieces joined at corners, the tanh network&apos;s is smooth.</source>
        <translation>Tanh 对比 ReLU 隐藏层：两者都能拟合正弦，但 ReLU 网络的曲线由折线段拼成，Tanh 网络的曲线是光滑的。</translation>
    </message>
    <message>
        <source>Circles with ReLU (TF Playground&apos;s classic)</source>
        <translation>ReLU 分圆环（TF Playground 经典示例）</translation>
    </message>
    <message>
        <source>Inner disc against outer ring, the TensorFlow Playground favourite: a 2-8-8-1 ReLU network with a sigmoid output and binary cross-entropy.</source>
        <translation>内圆对外环，TensorFlow Playground 的经典示例：2-8-8-1 的 ReLU 网络，Sigmoid 输出层，二元交叉熵。</translation>
    </message>
    <message>
        <source>Mini-batches of 10 against the full batch: each mini-batch step sees 10 samples, so its loss curve is noisy; the full-batch curve is smooth but makes one step per epoch.</source>
        <translation>大小为 10 的小批量对比全批量：每个小批量步只看到 10 个样本，因此损失曲线有噪声；全批量的曲线光滑，但每个轮次只走一步。</translation>
    </message>
    <message>
        <source>unknown preset {name!r}; choose one of: {names}</source>
        <translation>未知的预设 {name!r}；可选：{names}</translation>
    </message>
</context>
<context>
    <name>model.schedules</name>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>the {schedule} schedule has no parameter {key!r}; it takes: {names}</source>
        <extracomment>False for a schedule that keeps γ as it is (nothing to save or to draw). What an exported script writes for it (:mod:`model.export`): the body of ``learning_rate_at(step)``.</extracomment>
        <translation>学习率调度 {schedule} 没有参数 {key!r}；它接受：{names}</translation>
    </message>
    <message>
        <source>the {schedule} schedule takes no parameters, got {key!r}</source>
        <translation>学习率调度 {schedule} 不接受参数，得到的是 {key!r}</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>γ(t) = γ₀ · factor^⌊t / every⌋</source>
        <translation>γ(t) = γ₀ · 衰减因子^⌊t / 间隔⌋</translation>
    </message>
    <message>
        <source>every (steps)</source>
        <translation>间隔（步）</translation>
    </message>
    <message>
        <source>factor</source>
        <translation>衰减因子</translation>
    </message>
    <message>
        <source>Exponential decay</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <source>γ(t) = γ₀ · factor^t</source>
        <translation>γ(t) = γ₀ · 衰减因子^t</translation>
    </message>
    <message>
        <source>factor per step</source>
        <translation>每步衰减因子</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>period T (steps)</source>
        <translation>周期 T（步）</translation>
    </message>
    <message>
        <source>minimum factor m</source>
        <translation>最小因子 m</translation>
    </message>
    <message>
        <source>unknown learning-rate schedule {name!r}; choose one of: {names}</source>
        <translation>未知的学习率调度 {name!r}；可选：{names}</translation>
    </message>
    <message>
        <source>a learning-rate schedule must be an object such as {{&quot;name&quot;: &quot;cosine&quot;}}</source>
        <translation>学习率调度必须是对象，例如 {{&quot;name&quot;: &quot;cosine&quot;}}</translation>
    </message>
    <message>
        <source>the learning-rate schedule needs a &apos;name&apos;</source>
        <translation>学习率调度需要 &apos;name&apos;</translation>
    </message>
    <message>
        <source>schedule parameter {item!r} must look like key=value</source>
        <translation>调度参数 {item!r} 的格式应为 key=value</translation>
    </message>
    <message>
        <source>schedule parameter {key} must be a number, got {value!r}</source>
        <translation>调度参数 {key} 必须是数值，得到的是 {value!r}</translation>
    </message>
    <message>
        <source>{what} must be a number, got {value!r}</source>
        <translation>{what} 必须是数值，得到的是 {value!r}</translation>
    </message>
    <message>
        <source>{what} must be between {lo:g} and {hi:g}, got {value!r}</source>
        <translation>{what} 必须介于 {lo:g} 与 {hi:g} 之间，得到的是 {value!r}</translation>
    </message>
    <message>
        <source>{what} must be a whole number, got {value!r}</source>
        <translation>{what} 必须是整数，实际为 {value!r}</translation>
    </message>
</context>
<context>
    <name>model.schema</name>
    <message>
        <source>&apos;{where}&apos; is too large: {value}</source>
        <extracomment>The session file format this program reads and writes. What building and training one session may allocate, in bytes (estimated by :func:`memory_estimate`). Steps and epochs stay below this (the window&apos;s 32-bit counters, and room to train on). Weight layers of a network. Units of one layer (and inputs). Seeds of the lecture&apos;s ``RandomState`` initialiser: 0 … 2³² − 1. Longest name and description text. Values recorded in one history list. Rows of the output view&apos;s grid (2-D inputs: 64 × 64) and curve (1-D inputs).</extracomment>
        <translation>“{where}”太大：{value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be a number, got {value}</source>
        <translation>“{where}”必须是数值，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be a finite number, got {value}</source>
        <translation>“{where}”必须是有限数，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be greater than {lo}, got {value}</source>
        <translation>“{where}”必须大于 {lo}，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be at least {lo}, got {value}</source>
        <translation>“{where}”至少为 {lo}，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be at most {hi}, got {value}</source>
        <translation>“{where}”至多为 {hi}，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be a whole number, got {value}</source>
        <translation>“{where}”必须是整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be true or false, got {value}</source>
        <translation>“{where}”必须是 true 或 false，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be a text, got {value}</source>
        <translation>“{where}”必须是文本，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be one of {choices}, got {value}</source>
        <translation>“{where}”必须是 {choices} 之一，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; is too long: {n:,} characters, at most {max:,}</source>
        <translation>“{where}”太长：{n:,} 个字符，最多 {max:,} 个</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be an object, got {value}</source>
        <translation>“{where}”必须是对象，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be a list, got {value}</source>
        <translation>“{where}”必须是列表，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; needs at least {lo:,} {what}, got {n:,}</source>
        <translation>“{where}”至少需要 {lo:,} 个{what}，得到的是 {n:,}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; has {n:,} {what}, at most {hi:,} are allowed</source>
        <translation>“{where}”有 {n:,} 个{what}，最多允许 {hi:,} 个</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be a table (a list of rows), got {value}</source>
        <translation>“{where}”必须是表格（行的列表），得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; is empty: it needs at least one row</source>
        <translation>“{where}”为空：至少需要一行</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must have {rows:,} rows, got {m:,}</source>
        <translation>“{where}”必须有 {rows:,} 行，得到的是 {m:,}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; row 1 must be a list of numbers, got {value}</source>
        <translation>“{where}”第 1 行必须是数值列表，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; row 1 is empty</source>
        <translation>“{where}”第 1 行为空</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must have {cols:,} columns, got {n:,}</source>
        <translation>“{where}”必须有 {cols:,} 列，得到的是 {n:,}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; has {cells:,} numbers ({m:,} × {n:,}), at most {max:,} are allowed</source>
        <translation>“{where}”有 {cells:,} 个数值（{m:,} × {n:,}），最多允许 {max:,} 个</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; row {i} must be a list of numbers, got {value}</source>
        <translation>“{where}”第 {i} 行必须是数值列表，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; is not rectangular: row {i} has {k:,} values, row 1 has {n:,}</source>
        <translation>“{where}”不是矩形：第 {i} 行有 {k:,} 个值，第 1 行有 {n:,} 个</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; row {i}, column {j}: expected a number, got {value}</source>
        <translation>“{where}”第 {i} 行第 {j} 列：应为数值，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; row {i}, column {j} is too large: {value}</source>
        <translation>“{where}”第 {i} 行第 {j} 列太大：{value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; row {i}, column {j} is not a finite number ({value})</source>
        <translation>“{where}”第 {i} 行第 {j} 列不是有限数（{value}）</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must have {n:,} values, got {k:,}</source>
        <translation>“{where}”必须有 {n:,} 个值，得到的是 {k:,}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; value {j}: expected a number, got {value}</source>
        <translation>“{where}”第 {j} 个值：应为数值，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; value {j} is too large: {value}</source>
        <translation>“{where}”第 {j} 个值太大：{value}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; value {j} is not a finite number ({value})</source>
        <translation>“{where}”第 {j} 个值不是有限数（{value}）</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; needs a &apos;name&apos; (one of {names})</source>
        <translation>“{where}”需要 &apos;name&apos;（{names} 之一）</translation>
    </message>
    <message>
        <source>&apos;{where}.name&apos;: unknown {what} {value}; choose one of {names}</source>
        <translation>“{where}.name”：未知的{what} {value}；可选：{names}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos;: the {what} {name} has no parameter {key}; it takes: {known}</source>
        <translation>“{where}”：{what} {name} 没有参数 {key}；它接受：{known}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos;: {reason}</source>
        <translation>&apos;{where}&apos;: {reason}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; needs a &apos;layers&apos; list</source>
        <translation>“{where}”需要 &apos;layers&apos; 列表</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; needs &apos;{key}&apos;</source>
        <translation>“{where}”需要 &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>&apos;{where}.biases&apos; must have {n:,} values (one per unit), got {k:,}</source>
        <translation>“{where}.biases”必须有 {n:,} 个值（每个单元一个），得到的是 {k:,}</translation>
    </message>
    <message>
        <source>&apos;architecture&apos; needs &apos;sizes&apos;, the list of layer widths [inputs, …, outputs]</source>
        <translation>“architecture”需要 &apos;sizes&apos;，即各层宽度的列表 [输入, …, 输出]</translation>
    </message>
    <message>
        <source>&apos;architecture&apos; needs &apos;activations&apos;, one per layer</source>
        <translation>“architecture”需要 &apos;activations&apos;，每层一个</translation>
    </message>
    <message>
        <source>&apos;architecture.activations&apos; must name {n} activations (one per layer), got {k}</source>
        <translation>“architecture.activations”必须给出 {n} 个激活函数（每层一个），得到的是 {k}</translation>
    </message>
    <message>
        <source>&apos;architecture.train_biases&apos; must have {n} true/false values, one per layer</source>
        <translation>“architecture.train_biases”必须有 {n} 个 true/false 值，每层一个</translation>
    </message>
    <message>
        <source>&apos;architecture.initial_network&apos; has layer sizes {net} but &apos;architecture.sizes&apos; is {sizes}</source>
        <translation>“architecture.initial_network”的层大小为 {net}，但“architecture.sizes”为 {sizes}</translation>
    </message>
    <message>
        <source>&apos;data&apos; has &apos;{other}&apos; but no &apos;{key}&apos;</source>
        <translation>“data”有 &apos;{other}&apos; 但没有 &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>&apos;data.inputs&apos; has {m:,} rows, at most {max:,} are allowed</source>
        <translation>“data.inputs”有 {m:,} 行，最多允许 {max:,} 行</translation>
    </message>
    <message>
        <source>&apos;data.{key}&apos; must name {n} columns, got {k}</source>
        <translation>“data.{key}”必须给出 {n} 列的名称，得到的是 {k}</translation>
    </message>
    <message>
        <source>&apos;data&apos; needs a &apos;name&apos; (one of {names}) or &apos;inputs&apos; and &apos;targets&apos;</source>
        <translation>“data”需要 &apos;name&apos;（{names} 之一），或者 &apos;inputs&apos; 与 &apos;targets&apos;</translation>
    </message>
    <message>
        <source>&apos;data.name&apos;: unknown data set {value}; choose one of {names}</source>
        <translation>“data.name”：未知的数据集 {value}；可选：{names}</translation>
    </message>
    <message>
        <source>&apos;data&apos;: {reason}</source>
        <translation>“data”：{reason}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; has {n} entries, at most 100 are allowed</source>
        <translation>“{where}”有 {n} 项，最多允许 100 项</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; has {n:,} values, at most 1,000 are allowed</source>
        <translation>“{where}”有 {n:,} 个值，最多允许 1,000 个</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be a number, a text or true/false, got {value}</source>
        <translation>“{where}”必须是数值、文本或 true/false，得到的是 {value}</translation>
    </message>
    <message>
        <source>&apos;data.targets&apos; holds the class label {label:g}, so {K:,} classes; at most {max} are allowed</source>
        <translation>“data.targets”中有类别标签 {label:g}，即 {K:,} 个类别；最多允许 {max} 个</translation>
    </message>
    <message>
        <source>&apos;data.inputs&apos; has {d} columns but the network has {n} inputs</source>
        <translation>“data.inputs”有 {d} 列，但网络有 {n} 个输入</translation>
    </message>
    <message>
        <source>&apos;data.targets&apos; has {k} columns but the network has {n} outputs</source>
        <translation>“data.targets”有 {k} 列，但网络有 {n} 个输出</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must hold {n} arrays (one per weight matrix and bias vector), got {k}</source>
        <translation>“{where}”必须含 {n} 个数组（每个权重矩阵和偏置向量一个），得到的是 {k}</translation>
    </message>
    <message>
        <source>&apos;weight_names&apos; has an unknown key {key}; it takes W and b</source>
        <extracomment>Sub-objects of ``optimizer`` that are not parameters of the optimiser itself, with their check.</extracomment>
        <translation>“weight_names”含有未知的键 {key}；它只接受 W 和 b</translation>
    </message>
    <message>
        <source>&apos;weight_names&apos; needs &apos;{key}&apos;</source>
        <translation>“weight_names”需要 &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>&apos;weight_names.{key}&apos; must have {n} layers, got {k}</source>
        <translation>“weight_names.{key}”必须有 {n} 层，得到的是 {k}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must have {n} names, got {k}</source>
        <translation>“{where}”必须有 {n} 个名称，得到的是 {k}</translation>
    </message>
    <message>
        <source>&apos;rng.bit_generator&apos; must be &quot;PCG64&quot;, got {value}</source>
        <translation>“rng.bit_generator”必须是 &quot;PCG64&quot;，得到的是 {value}</translation>
    </message>
    <message>
        <source>the saved random generator state &apos;rng&apos; is invalid: {reason}</source>
        <translation>保存的随机数生成器状态 &apos;rng&apos; 无效：{reason}</translation>
    </message>
    <message>
        <source>&apos;{where}&apos; must be a list of numbers, or a decimated history with n, ranges, buckets and exact</source>
        <translation>“{where}”必须是数值列表，或含 n、ranges、buckets 和 exact 的抽稀历史记录</translation>
    </message>
    <message>
        <source>&apos;{where}.ranges&apos; must hold whole numbers from 0 to {max:,}</source>
        <translation>“{where}.ranges”必须由 0 到 {max:,} 的整数组成</translation>
    </message>
    <message>
        <source>&apos;{where}&apos;: its ranges and exact values do not add up to n = {n:,}</source>
        <translation>“{where}”：其 ranges 与 exact 值的总数不等于 n = {n:,}</translation>
    </message>
    <message>
        <source>{n:,} weights and biases with their gradients, optimiser state and copies</source>
        <translation>{n:,} 个权重和偏置，连同其梯度、优化器状态和副本</translation>
    </message>
    <message>
        <source>one training step: {rows:,} rows × {units:,} units</source>
        <translation>一个训练步：{rows:,} 行 × {units:,} 个单元</translation>
    </message>
    <message>
        <source>evaluating {rows:,} rows through a layer of {w:,} units</source>
        <translation>让 {rows:,} 行通过 {w:,} 个单元的层进行评估</translation>
    </message>
    <message>
        <source>the data: {rows:,} rows × {cols:,} columns</source>
        <translation>数据：{rows:,} 行 × {cols:,} 列</translation>
    </message>
    <message>
        <source>this session needs about {need} of memory, {over} more than the {budget} allowed; the largest part is {what} ({size})</source>
        <translation>此会话约需 {need} 内存，比允许的 {budget} 多 {over}；最大的部分是{what}（{size}）</translation>
    </message>
    <message>
        <source>a session file must hold a JSON object, got {value}</source>
        <translation>会话文件必须包含一个 JSON 对象，得到的是 {value}</translation>
    </message>
    <message>
        <source>unsupported session format {value}; this program reads {fmt}</source>
        <translation>不支持的会话格式 {value}；本程序读取 {fmt}</translation>
    </message>
    <message>
        <source>the session has no &apos;{key}&apos; section</source>
        <translation>会话中没有 &apos;{key}&apos; 部分</translation>
    </message>
    <message>
        <source>the session needs a &apos;network&apos; (weights) or an &apos;architecture&apos; (sizes)</source>
        <translation>会话需要 &apos;network&apos;（权重）或 &apos;architecture&apos;（层大小）</translation>
    </message>
    <message>
        <source>&apos;architecture.sizes&apos; is {arch} but the network&apos;s layers have sizes {net}</source>
        <translation>“architecture.sizes”为 {arch}，但网络各层的大小为 {net}</translation>
    </message>
    <message>
        <source>&apos;epoch&apos; ({epoch:,}) cannot be more than &apos;step&apos; ({step:,}): every epoch takes at least one step</source>
        <translation>“epoch”（{epoch:,}）不能大于“step”（{step:,}）：每个轮次至少要一步</translation>
    </message>
    <message>
        <source>&apos;order&apos; must be a shuffled list of the sample indices 0 … {last:,}</source>
        <translation>“order”必须是样本下标 0 … {last:,} 的一个随机排列</translation>
    </message>
    <message>
        <source>&apos;batch_pos&apos; is {pos} but the session has no shuffling &apos;order&apos;</source>
        <translation>“batch_pos”为 {pos}，但会话没有打乱顺序的“order”</translation>
    </message>
</context>
<context>
    <name>model.session</name>
    <message>
        <source>the changes must be an object such as {{&quot;architecture&quot;: {{...}}}}, got {kind}</source>
        <extracomment>A session file larger than this is refused before it is read (bytes). The session keys that :meth:`Session.rebuild` may replace. The session keys that say how far training got (dropped by a new session without progress). the published names of the weights (see the module docstring), or None</extracomment>
        <translation>更改必须是形如 {{&quot;architecture&quot;: {{...}}}} 的对象，实际为 {kind}</translation>
    </message>
    <message>
        <source>cannot rebuild with {key!r}; the keys are: {keys}</source>
        <translation>无法用 {key!r} 重建；可用的键为：{keys}</translation>
    </message>
    <message>
        <source>the {what} must be an object, got {kind}</source>
        <translation>{what}必须是对象，得到的是 {kind}</translation>
    </message>
    <message>
        <source>the {what} must be an object with a &apos;name&apos;, got {kind}</source>
        <translation>{what} 必须是带有 &apos;name&apos; 的对象，实际为 {kind}</translation>
    </message>
    <message>
        <source>&apos;history&apos; is malformed: {error}</source>
        <translation>“history”格式错误：{error}</translation>
    </message>
    <message>
        <source>cannot save this session: {reason}</source>
        <translation>无法保存此会话：{reason}</translation>
    </message>
    <message>
        <source>session file</source>
        <translation>会话文件</translation>
    </message>
    <message>
        <source>{path} is not a UTF-8 text file</source>
        <translation>{path} 不是 UTF-8 文本文件</translation>
    </message>
    <message>
        <source>{path} is not valid JSON (line {line}, column {col}: {reason})</source>
        <translation>{path} 不是有效的 JSON（第 {line} 行第 {col} 列：{reason}）</translation>
    </message>
    <message>
        <source>{path} is nested too deeply to be a session file</source>
        <translation>{path} 嵌套过深，不可能是会话文件</translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>model.stepview</name>
    <message>
        <source>there is no layer {l}; the network has layers 1 … {L}</source>
        <extracomment>The phase kinds of a step, in order.</extracomment>
        <translation>没有第 {l} 层；网络的层为 1 … {L}</translation>
    </message>
</context>
<context>
    <name>model.text</name>
    <message>
        <source>a {n}-digit number</source>
        <translation>一个 {n} 位数</translation>
    </message>
    <message>
        <source>a list of {n}</source>
        <translation>含 {n} 项的列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>一个对象</translation>
    </message>
</context>
<context>
    <name>model.timeline</name>
    <message>
        <source>a timeline needs at least 2 rows per tier and a thinning factor of at least 2</source>
        <translation>时间轴每层至少需要 2 行，抽稀因子至少为 2</translation>
    </message>
    <message>
        <source>optimizer state {key!r} does not match the network&apos;s shapes</source>
        <translation>优化器状态 {key!r} 与网络的形状不符</translation>
    </message>
    <message>
        <source>the timeline needs contiguous parameter arrays</source>
        <translation>时间轴需要连续存储的参数数组</translation>
    </message>
    <message>
        <source>step {step} is not recorded</source>
        <translation>第 {step} 步没有记录</translation>
    </message>
    <message>
        <source>step {step} is not recorded; the nearest recorded step before it is {near}</source>
        <translation>第 {step} 步没有记录；此前最近的记录是第 {near} 步</translation>
    </message>
</context>
<context>
    <name>model.trace</name>
    <message>
        <source>full batch</source>
        <extracomment>A layer with at most this many units, inputs and samples is spelled out neuron by neuron.</extracomment>
        <translation>全批量</translation>
    </message>
    <message>
        <source>mini-batches of {b}</source>
        <translation>小批量，每批 {b} 个样本</translation>
    </message>
    <message>
        <source>1 sample</source>
        <translation>1 个样本</translation>
    </message>
    <message>
        <source>{m} samples</source>
        <translation>{m} 个样本</translation>
    </message>
    <message>
        <source>Loss: {label}, {formula}</source>
        <translation>损失：{label}，{formula}</translation>
    </message>
    <message>
        <source>   (reported as {label})</source>
        <translation>   （报告为 {label}）</translation>
    </message>
    <message>
        <source>Backprop Studio trace — {title}</source>
        <translation>Backprop Studio 训练步记录 — {title}</translation>
    </message>
    <message>
        <source>Network {sizes} ({activations}); {samples}, {batch}</source>
        <translation>网络 {sizes}（{activations}）；{samples}，{batch}</translation>
    </message>
    <message>
        <source>Optimizer: {label}, γ = {lr:g}{extra}:  {formula}</source>
        <translation>优化器：{label}，γ = {lr:g}{extra}：  {formula}</translation>
    </message>
    <message>
        <source>Numbers rounded to {d} digits after the point; the arithmetic is in full double precision.</source>
        <translation>数值保留小数点后 {d} 位；计算本身使用完整的双精度。</translation>
    </message>
    <message>
        <source>Units are numbered from 1; Wᵢⱼ⁽ˡ⁾ is the weight from unit i of layer l−1 to unit j of layer l (row i, column j of W⁽ˡ⁾).</source>
        <translation>单元从 1 开始编号；Wᵢⱼ⁽ˡ⁾ 是从第 l−1 层单元 i 到第 l 层单元 j 的权重（W⁽ˡ⁾ 的第 i 行第 j 列）。</translation>
    </message>
    <message>
        <source>Published names: {legend}</source>
        <translation>原文中的名称：{legend}</translation>
    </message>
    <message>
        <source>δ is per sample: the loss sums the samples&apos; losses, so δᵢ = ∂L/∂zᵢ and ∂L/∂W = Σᵢ a_prev,ᵢ δᵢ.</source>
        <translation>δ 按样本计算：损失是各样本损失之和，因此 δᵢ = ∂L/∂zᵢ，∂L/∂W = Σᵢ a_prev,ᵢ δᵢ。</translation>
    </message>
    <message>
        <source>δ is per sample: δᵢ = m·∂L/∂zᵢ ({label} is not a sum of per-sample losses); ∂L/∂W = (1/m) Σᵢ a_prev,ᵢ δᵢ.</source>
        <translation>δ 按样本计算：δᵢ = m·∂L/∂zᵢ（{label} 不是各样本损失之和）；∂L/∂W = (1/m) Σᵢ a_prev,ᵢ δᵢ。</translation>
    </message>
    <message>
        <source>δ is per sample, as in the lecture: δᵢ = ∂ℓᵢ/∂zᵢ (ℓᵢ the loss of sample i); ∂L/∂W = (1/m) Σᵢ a_prev,ᵢ δᵢ carries the batch&apos;s 1/m.</source>
        <translation>δ 按样本计算，与课程一致：δᵢ = ∂ℓᵢ/∂zᵢ（ℓᵢ 为样本 i 的损失）；∂L/∂W = (1/m) Σᵢ a_prev,ᵢ δᵢ 中带有批的 1/m。</translation>
    </message>
    <message>
        <source>the precision must be between 0 and 17 digits, got {d}</source>
        <translation>精度必须在 0 到 17 位之间，得到的是 {d}</translation>
    </message>
    <message>
        <source>══ Step {n} </source>
        <translation>══ 第 {n} 步 </translation>
    </message>
    <message>
        <source>L = {L}: the loss is not finite; training diverged and the step stops here.</source>
        <translation>L = {L}：损失不是有限数；训练发散，本步在此停止。</translation>
    </message>
    <message>
        <source>Reported as {label}: {value}</source>
        <translation>报告为 {label}：{value}</translation>
    </message>
    <message>
        <source>δ{sup} per sample</source>
        <translation>δ{sup}（按样本）</translation>
    </message>
    <message>
        <source>∂L/∂W = (1/m) Σ over the samples of δ · a_prev (the chain rule per sample);  ∂L/∂b = (1/m) Σ over the samples of δ</source>
        <translation>∂L/∂W = (1/m) 对各样本的 δ · a_prev 求和（逐样本的链式法则）；  ∂L/∂b = (1/m) 对各样本的 δ 求和</translation>
    </message>
    <message>
        <source>Layer {l}:</source>
        <translation>第 {l} 层：</translation>
    </message>
    <message>
        <source>{name} at the updated weights (whole data set): {value}</source>
        <translation>更新后权重下的 {name}（整个数据集）：{value}</translation>
    </message>
    <message>
        <source>(The published example updates only the weights w1 … w8, not the biases, and reports 0.291027924 after the update; here the biases are updated too, as in the lecture&apos;s code.)</source>
        <translation>（原文示例只更新权重 w1 … w8，不更新偏置，更新后报告为 0.291027924；此处与课程代码一样也更新了偏置。）</translation>
    </message>
    <message>
        <source>(As published, only the weights are updated, not the biases; the published 0.291027924 was computed from rounded intermediate values.)</source>
        <translation>（与原文一样，只更新权重，不更新偏置；原文的 0.291027924 是由舍入后的中间值算出的。）</translation>
    </message>
    <message>
        <source>Unit {n} ({name}):</source>
        <translation>单元 {n}（{name}）：</translation>
    </message>
    <message>
        <source>Unit {n}:</source>
        <translation>单元 {n}：</translation>
    </message>
</context>
<context>
    <name>model.trainer</name>
    <message>
        <source>the output layer</source>
        <extracomment>Steps between two checkpoints of the divergence guard on the fast path.</extracomment>
        <translation>输出层</translation>
    </message>
    <message>
        <source>hidden layer {layer}</source>
        <translation>隐藏层 {layer}</translation>
    </message>
    <message>
        <source>Forward: z({layer}) and a({layer}) of {name}</source>
        <translation>前向传播：{name}的 z({layer}) 与 a({layer})</translation>
    </message>
    <message>
        <source>Loss: compare the prediction with the target</source>
        <translation>损失：比较预测值与真实值</translation>
    </message>
    <message>
        <source>Backward: δ({layer}) of {name}</source>
        <translation>反向传播：{name}的 δ({layer})</translation>
    </message>
    <message>
        <source>Gradients: ∂L/∂W({layer}) and ∂L/∂b({layer})</source>
        <translation>梯度：∂L/∂W({layer}) 与 ∂L/∂b({layer})</translation>
    </message>
    <message>
        <source>Update: w ← w − γ·∂L/∂w</source>
        <translation>权重更新：w ← w − γ·∂L/∂w</translation>
    </message>
    <message>
        <source>a history must be a list of numbers or a decimated history</source>
        <translation>历史记录必须是数值列表或抽稀后的历史记录</translation>
    </message>
    <message>
        <source>a history must hold numbers ({error})</source>
        <translation>历史记录必须由数值组成（{error}）</translation>
    </message>
    <message>
        <source>inputs and targets need the same number of rows (≥ 1), got {x} and {y}</source>
        <extracomment>The optimisers whose ``step`` takes ``flat=(params, grads)`` vectors.</extracomment>
        <translation>输入与真实值的行数必须相同（≥ 1），得到的是 {x} 和 {y}</translation>
    </message>
    <message>
        <source>the data has {cols} input columns but the network has {n} inputs</source>
        <translation>数据有 {cols} 个输入列，但网络有 {n} 个输入</translation>
    </message>
    <message>
        <source>the data has {cols} target columns but the network has {n} outputs</source>
        <translation>数据有 {cols} 个真实值列，但网络有 {n} 个输出</translation>
    </message>
    <message>
        <source>the data contains a non-finite number</source>
        <translation>数据中含有非有限数</translation>
    </message>
    <message>
        <source>{loss} is a metric, not a training loss</source>
        <translation>{loss} 是评估指标，不是训练损失</translation>
    </message>
    <message>
        <source>the batch size must be at least 1, got {size}</source>
        <translation>批大小至少为 1，得到的是 {size}</translation>
    </message>
    <message>
        <source>a learning-rate schedule is needed, got {kind}</source>
        <translation>需要一个学习率调度，得到的是 {kind}</translation>
    </message>
    <message>
        <source>train biases needs one yes/no per layer ({n}), got {flags}</source>
        <translation>“训练偏置”需要每层一个是/否值（{n} 层），得到的是 {flags}</translation>
    </message>
    <message>
        <source>the order must be a shuffled list of the sample indices 0 … {last}</source>
        <translation>顺序必须是样本下标 0 … {last} 的一个随机排列</translation>
    </message>
    <message>
        <source>the batch position must be the start of a batch within the {m} samples, got {pos}</source>
        <translation>批位置必须是 {m} 个样本内某一批的起点，得到的是 {pos}</translation>
    </message>
    <message>
        <source>steps, epochs and counts must be at least 0</source>
        <translation>步数、轮次和计数至少为 0</translation>
    </message>
    <message>
        <source>a weight or bias became non-finite</source>
        <translation>某个权重或偏置变成了非有限数</translation>
    </message>
    <message>
        <source>the loss became NaN</source>
        <translation>损失变成了 NaN</translation>
    </message>
    <message>
        <source>the loss became infinite</source>
        <translation>损失变成了无穷大</translation>
    </message>
    <message>
        <source>training diverged at step {step} (epoch {epoch}): {reason}. Try a smaller learning rate.</source>
        <translation>训练在第 {step} 步（第 {epoch} 轮次）发散：{reason}。请尝试更小的学习率。</translation>
    </message>
    <message>
        <source>training diverged at step {step} (epoch {epoch}): {reason}; restored the weights of step {restored}. Try a smaller learning rate.</source>
        <translation>训练在第 {step} 步（第 {epoch} 轮次）发散：{reason}；已恢复第 {restored} 步的权重。请尝试更小的学习率。</translation>
    </message>
</context>
</TS>

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
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
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
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分类</translation>
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
        <source>loss L</source>
        <translation>损失 L</translation>
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
        <source>Backprop Studio</source>
        <extracomment>Drawing shares the GIL with the training thread: each view group may take at most this fraction of the wall clock, so a frame that took t ms waits at least t / DRAW_SHARE ms. The window&apos;s first size on a large screen; on a smaller one, the available area. The zoom presentation mode starts at (1280×720 projectors, read from the back of a hall). gui.settings.Settings: what is remembered between runs (None: nothing, and nothing is asked on closing)</extracomment>
        <translation>反向传播工作室 Backprop Studio</translation>
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
        <source>Edit weight</source>
        <translation>编辑权重</translation>
    </message>
    <message>
        <source>Edit bias</source>
        <translation>编辑偏置</translation>
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
        <source>The interface language changes when Backprop Studio starts again.</source>
        <translation>界面语言将在反向传播工作室下次启动时切换。</translation>
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
        <extracomment>Output range, used to explain incompatible loss choices. The function&apos;s symbol in the inspector (σ, tanh, ReLU, …). What :meth:`saturation` measures: ``&quot;saturated&quot;`` units, ``&quot;dead&quot;`` units, or ``None``.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaky ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown activation {name}; choose one of: {names}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.breakpoints</name>
    <message>
        <source>the loss threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the vanishing-gradient threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the exploding-gradient threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the vanishing-gradient threshold ({below:g}) must be below the exploding-gradient threshold ({above:g})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>breakpoints must be given as an object such as {{&quot;epoch&quot;: 500}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown breakpoint {name!r}; the breakpoints are: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakpoint: epoch {epoch} reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakpoint: loss {loss} fell below {threshold:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakpoint: ‖∂L/∂W({layer})‖ = {norm:.3g} fell below {threshold:g} (vanishing gradient)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breakpoint: ‖∂L/∂W({layer})‖ = {norm:.3g} rose above {threshold:g} (exploding gradient)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the epoch breakpoint must be a whole number of epochs (1 or more), got {value!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} must be a positive finite number, got {value!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} must be a positive number, got {value!r}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.datasets</name>
    <message>
        <source>{what} must be a rectangular table of numbers</source>
        <extracomment>Upper bound on ``n_samples`` and on the rows of a CSV file, so a typo gives a sentence, not a MemoryError. Upper bound on the classes of integer labels (each becomes a one-hot target column). Upper bound on the numbers of one CSV file (rows × columns): 160 MB as float64.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} must be a table (rows × columns), not a {n}-D array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} are empty: need at least one row and one column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} row {i}, column {j} is not a finite number ({value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected {count} {what}, got {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key} must be a whole number, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key} must be at least {minimum}, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key} must be at most {maximum:,}, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key} must be a number, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key} must be a number from 0 to {maximum:g}, not {value:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inputs have {m} rows but targets have {n}; they need one target row per input row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task must be &apos;regression&apos; or &apos;classification&apos;, not {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classification targets must be 0 or 1, but row {i}, column {j} is {value:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classification targets with {k} columns must be one-hot (exactly one 1 per row), but row {i} is not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown dataset {name}; choose one of: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dataset {name!r} has no parameter {key}; its parameters are: seed, {keys}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dataset {name!r} has no parameter {key}; it only takes a seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>noise {noise:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed {seed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {summary}</source>
        <translation>{label}: {summary}</translation>
    </message>
    <message>
        <source>the targets hold the class label {label:g}, so {K:,} classes; at most {max} are allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the targets have {k:,} class columns; at most {max} classes are allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {m:,} rows, {d} inputs, {k} targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target column {t} is given by name, but {fname} has no header row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target column {t} not found in header (columns: {names})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target column {t} is ambiguous: the header names it {n} times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target columns must be column indices or header names, not {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target column index {j} is out of range: {fname} has {n} columns (use 0..{last}, or −{n}..−1 from the end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the delimiter must be a single character, not {d}</source>
        <extracomment>A CSV file larger than this is refused before reading (bytes). A longer physical line is refused (bytes): it cannot be a row of a table we could train on. Bytes read to detect the delimiter. Rows between two calls of ``progress``. Characters decoded at a time.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname} is {size}; a CSV file may be at most {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read {fname}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read {fname}: it is not a UTF-8 text file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname} line {line}, column {col}: {value} is not a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; {K:,} integer labels are more than {max} classes, so they are read as numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname}: {m:,} rows, {d} inputs, {k} targets{note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname} line {line} is longer than {limit}: not a table of numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname}: no data rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname} line {line}: expected {n} columns, found {k}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname} line {line}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname} has more than {max:,} data rows; at most {max:,} can be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname} has {n:,} numbers ({rows:,} rows × {cols:,} columns); at most {max:,} can be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname} has more than {max:,} numbers ({rows:,} rows × {cols:,} columns so far)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target column {t} is listed twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose at least one target column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no input columns left: every column of {fname} is a target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{fname} line {line}, column {col}: {field} is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (write decimals with a point: {fixed})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a dataset entry must be a mapping, not {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dataset entry has no {key!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dataset entry has an unknown key {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a dataset entry needs a &apos;name&apos;, or &apos;inputs&apos; and &apos;targets&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.equations</name>
    <message>
        <source>a selection is (&apos;neuron&apos;, l, j), (&apos;edge&apos;, l, i, j) or (&apos;layer&apos;, l), got {s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown selection kind {kind}; use &apos;neuron&apos;, &apos;edge&apos; or &apos;layer&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no layer {l}; the network has layers 0 … {L}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {l} has {n} units, there is no unit {j}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights belong to layers 1 … {L}, not {l}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W({l}) is {n_in} × {n_out}; there is no weight [{i}, {j}]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>their sum Σ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>their mean (1/m) Σ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the current weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each update uses a mini-batch of {b}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the batch each update uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One sample, {uses}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample {n} of all {m} samples; {uses}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All {m} samples: z, a, δ per sample, ∂L/∂w {how}; {uses}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One sample (the whole batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample {n} of {m}; ∂L/∂w is {how}, as the update uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch of {m} samples: z, a, δ per sample; ∂L/∂w {how}, as the update uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the chosen sample is not in this batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input {x} (unit {j} of the input layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neuron {j} of {layer}: {z}, {a}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight {w} (unit {i} of layer {src} → unit {j} of layer {l})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {l}: {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input layer</source>
        <extracomment>Samples written out one per line in batch mode before &quot;… (n more samples)&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden layer {l}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the input layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the output layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing computed yet: step through a training step (or train) to see the numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No update in this view: the values are at the current weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loss needs the targets and the loss function.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not computed yet in this step (pending: {title})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample {n}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… ({n} more samples)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>The loss is not finite: the step stopped here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported (the curve’s “Loss”): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update ({label})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This layer’s biases are not trained: b stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next, {w} will move by −γ·∂L/∂w:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next, with plain gradient descent, {w} would move by −γ·∂L/∂w; {label} also uses its running state:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weight from unit {i} of {src} to unit {j} of {dst}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its share of </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient: which way, and how much, to move the weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain rule: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, and ∂ℓ/∂a · ∂a/∂z = δ, the neuron’s share of the blame.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample {n}’s term is one of the {m}; the update uses their mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample {n}’s term is one of the {m}; the update uses their sum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>w′ = w − γ·δ·a: a is how loud the input was, δ the neuron’s share of the blame.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… ({n} more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… ({n} more rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input layer</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>Forward pass of {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{A} is m × {n_in} (one row per sample), {W} is {n_in} × {n_out}: W[i, j] connects unit i of layer {prev} to unit j of layer {l}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backward: δ of {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradients of {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (over the batch of {m})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation>权重更新</translation>
    </message>
    <message>
        <source>One row per sample: the lecture’s (</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>) for a batch of row vectors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>δ per sample, as in the lecture; the 1/m is in the gradient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One training step</source>
        <translation>一个训练步</translation>
    </message>
    <message>
        <source>Forward: z⁽ˡ⁾ = a⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾); backward: δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾ᵀ δ⁽ˡ⁺¹⁾) ⊙ f′(z⁽ˡ⁾); update: w′ = w − γ·δ·a.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every weight moves against its gradient: w′ = w − γ·δ·a (γ the speed of adjustment, δ the share of blame, a how loud the input was).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ this phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>The input layer computes nothing: it passes the sample’s feature on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (samples 1 … {n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward pass ({layer}, unit {j})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the inputs x are not part of this view)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backward: δ, the neuron’s share of the blame (∂ℓ/∂z, per sample)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>δ is per sample: L sums the samples’ losses, so δᵢ = ∂ℓᵢ/∂zᵢ = ∂L/∂zᵢ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>δ is per sample, δᵢ = m·∂L/∂zᵢ (m = {m}): {label} is not a sum of per-sample losses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>δ is per sample, as in the lecture: δᵢ = ∂ℓᵢ/∂zᵢ, where L = (1/m) Σ ℓᵢ (m = {m}); the 1/m is in the gradient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} couples the outputs, so δ is the Jacobian–vector product δⱼ = aⱼ(gⱼ − Σₖ gₖaₖ) with g = ∂ℓ/∂a.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {j} of </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: the weights leaving this neuron carry the next layer’s δ back to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient of the bias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample {n}’s δ: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; the update uses the mean over the batch.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.export</name>
    <message>
        <source>epochs must be at least 0, got {n}</source>
        <extracomment>Keyed by :func:`optimizer_key`: the registry name, or ``name+switch`` for a variant (Nesterov). The learning-rate schedules (``optimizer.schedule`` of a session): the body of ``learning_rate_at(step)``, an expression of ``learning_rate`` (γ₀) and ``step`` (t), the same Python arithmetic as the schedule&apos;s.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the log interval must be at least 1, got {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot export the activation {name!r} yet: it has no export snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot export the loss {name!r} yet: it has no export snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot export {loss} after {act} yet: its fused δ has no snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot export the optimizer {name!r} yet: it has no export snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot export the schedule {name!r} yet: it has no export snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown export target {target!r}; choose one of: {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.files</name>
    <message>
        <source>no file name given</source>
        <extracomment>New files get the usual permissions (0666 less the umask), not mkstemp&apos;s private 0600.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a folder, not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write {path}: the folder {folder} does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is {size}; a {what} may be at most {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.initializers</name>
    <message>
        <source>Lecture: randn(fan_in, fan_out) from RandomState(seed), zero biases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xavier/Glorot uniform, for sigmoid and tanh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>He normal, for ReLU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown initializer {name!r}; choose one of: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a network needs an input and an output layer of size ≥ 1, got {sizes}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.loss_calculator</name>
    <message>
        <source>{what} is empty: give numbers such as 3,5,7</source>
        <extracomment>Values in one y_true or y_pred.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} has {n:,} values, at most {max:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} row {i} has an empty value: {row}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} is not a list of numbers such as [3, 5, 7] or [[1, 0], [0, 1]]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} must be a list of numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: {x!r} is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: {field!r} is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: {field!r} is not a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} has an empty row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} row {i} has {k} values but row 1 has {n}: every row needs the same count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a loss needs a name, such as mse or huber:delta=0.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss parameter {item!r} must look like key=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y_true has {a} but y_pred has {b}: they must match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} rows × {k} columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y_true has {a} but y_pred has {b}</source>
        <extracomment>What the targets must look like for each kind of output a loss declares (``Loss.output``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is a {kind} loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} needs targets that are {need}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} needs class labels as targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} does not apply here: {reason}</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the {name} loss</source>
        <extracomment>A single output column above this is the positive class (scores of ±: 0; probabilities: ½). True when L is a sum (or mean) of per-sample losses ℓᵢ; False for RMSE, whose root spans the batch.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {how}</source>
        <translation>{label}: {how}</translation>
    </message>
    <message>
        <source>averaged over all N = {N} outputs (m = {m} samples).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the targets have shape {y} but the predictions have shape {p}; the {label} loss needs them to match</source>
        <extracomment>True for element-wise losses: the per-sample gradient carries 1/k for k outputs per sample.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the {label} loss needs at least one prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a 1-D or 2-D array of probabilities, got {n} dimensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>most sensitive to large errors (grows fastest); the usual regression loss</source>
        <translation>对大误差最敏感（增长最快）；最常用的回归损失</translation>
    </message>
    <message>
        <source>summed over all {N} outputs of the batch, no 1/N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAE (L1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grows linearly; robust to outliers; easy to interpret</source>
        <translation>线性增长；对异常值鲁棒；易于解释</translation>
    </message>
    <message>
        <source>Huber (δ)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>like MSE but smoother; insensitive to outliers; more expensive to compute</source>
        <translation>类似 MSE 但更平滑；对异常值不敏感；计算开销更大</translation>
    </message>
    <message>
        <source>Quantile (q)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <source>MBE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average signed bias; rarely used for training</source>
        <translation>带符号的平均偏差；很少用于训练</translation>
    </message>
    <message>
        <source>{title} needs a sigmoid output layer, whose units are probabilities in (0, 1), but the output layer is {act} with {units}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binary classification</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>δ = (ŷ − y)/k per sample, k outputs each (sigmoid + binary cross-entropy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sigmoid + binary cross-entropy: σ′ = ŷ(1 − ŷ) cancels the ŷ(1 − ŷ) in ∂ℓ/∂ŷ, leaving the error itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 1/k is the mean over the k = {k} outputs of a sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{act} with {units}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, which always outputs 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; for a single yes/no output use a sigmoid layer with binary cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} needs a softmax output layer with at least 2 units, so that each row is a probability distribution, but the output layer is {have}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>summed over the classes, averaged over the m = {m} samples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax + cross-entropy: the softmax Jacobian times ∂ℓ/∂ŷ = −{y}/ŷ simplifies to the error itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label-smoothing CE (ε)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label-smoothing cross-entropy</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focal (γ, α)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focal loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down-weights easy examples; for class imbalance (object detection)</source>
        <translation>降低易分样本的权重；用于类别不平衡（目标检测）</translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <source>hinge loss needs labels −1 and +1 (or 0 and 1, 0 meaning −1), got {y:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, whose outputs are never negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hinge loss needs a raw score output (a linear or tanh layer) that is positive for the +1 class and negative for the −1 class, but the output layer is {act}{why}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fraction of samples classified correctly; a metric, not a training loss</source>
        <translation>分类正确的样本比例；是评估指标，不是训练损失</translation>
    </message>
    <message>
        <source>accuracy is a metric and has no gradient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown loss {name}; choose one of: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a loss must be given as a mapping with a &apos;name&apos;, got {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown kind {kind}; choose one of: {kinds}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.network</name>
    <message>
        <source>weights and biases must be rectangular tables of numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights must be a 2-D fan_in × fan_out matrix, got shape {shape}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a layer with {n} units needs {n} biases, got {got}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train_bias must be true or false, got {value!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a network needs at least one layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {i} has {units} units but layer {j} expects {inputs} inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{activation} can only be used on the output layer (layer {i} is hidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} layers need {n} activations, got {got}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network expects {n} inputs per sample, got {got}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network needs a &apos;layers&apos; list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {i} must be an object with &apos;weights&apos;, &apos;biases&apos; and &apos;activation&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {i} needs {key!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {i}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {i} has a non-finite weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {i} has a non-finite bias</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the optimizer must be an object with a &apos;name&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the optimizer needs a &apos;name&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer {name}</source>
        <extracomment>The running buffers, e.g. ``(&quot;velocity&quot;,)``; empty for a stateless optimizer (SGD). For a variant: the bool parameter that selects it (see the class docstring).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} needs {switch} = true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {formula} (its state was not recorded in this step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the optimizer state must be an object with &apos;t&apos; and lists of arrays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the optimizer state&apos;s step count &apos;t&apos; must be a whole number ≥ 0, got {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer state {key} must be a list of number arrays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer state {key} does not match the network&apos;s shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the learning rate must be a number, got {lr}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the learning rate must be a positive finite number, got {lr:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD + momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.params</name>
    <message>
        <source>{name} must be {options}, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} must be a number, got None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} must be a number, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} must be a finite number, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>between {lo:g} and {hi:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least {lo:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most {hi:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} must be {rule}, got {value:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{owner} has no parameter {key}; its parameters are: {known}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.presets</name>
    <message>
        <source>XOR, the lecture&apos;s numpy network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lecture&apos;s worked code: a 2-3-1 sigmoid network on XOR, randn weights from seed 43, zero biases, full-batch gradient descent with learning rate 0.1. It trains on ½·MSE and reports MSE, as the lecture&apos;s loop does; the loss falls from 0.3741 to 0.0487 by epoch 9000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The classic step-by-step example (2-2-2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The published worked example: one sample x = (0.05, 0.10) with targets (0.01, 0.99), a 2-2-2 sigmoid network with the weights w1 … w8 and the biases b1 = 0.35, b2 = 0.60 as published, loss E = ½·Σ(t − o)², learning rate 0.5, and, as published, the biases are not trained. The first step&apos;s E_total is 0.298371109; step through it phase by phase and check every number. After one update E is 0.29102777 and after 10,000 updates 3.5102e-05; the published 0.291027924 and 0.0000351085 were computed from rounded intermediate values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One neuron: ŷ = wx + b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lecture&apos;s example of why gradients: one linear neuron ŷ = wx + b on one sample (x = 2, y = 5) with the loss L = ½(ŷ − y)². The chain rule gives ∂L/∂w = (wx + b − y)·x and ∂L/∂b = wx + b − y: the sign of the gradient says which way to move the weight, its size how far. From w = 0.5, b = 0: ŷ = 1, ∂L/∂w = (1 − 5)·2 = −8 and ∂L/∂b = −4, so with learning rate γ = 0.1 the update w′ = w − γ·∂L/∂w gives w = 1.3 and b = 0.4. Each step of gradient descent (梯度下降) halves the error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vanishing gradients in a deep sigmoid net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seven sigmoid layers on the two moons: σ′ is at most 0.25, so δ shrinks by that factor or more at each layer on its way back. At the first step the first layer&apos;s gradient is over a thousand times smaller than the last layer&apos;s (梯度消失), and the network stalls at the loss ln 2 ≈ 0.693. Under Gradients per layer, ‖δ(l)‖ of the first layer stays about 5,000 times below the last layer&apos;s; then switch the hidden layers to ReLU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regression with outliers: Huber loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A line plus 10% gross outliers. Huber is MSE for small errors and MAE for large ones, so the outliers pull the fit far less than under MSE (鲁棒性). Switch the loss to MSE and watch the fit tilt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class imbalance: focal loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% negatives and 5% positives. Focal loss down-weights the easy, well-classified majority so the few positives still drive learning (焦点损失).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two spirals with Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two interleaved spirals need a curved boundary: a 2-16-16-1 tanh network trained with Adam and binary cross-entropy on mini-batches of 32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A learning rate that is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear regression with learning rate 1.6: each step overshoots the minimum by more than it corrects, so the loss oscillates with growing amplitude and then diverges. The divergence guard stops training and keeps the last finite weights; lower the learning rate to 0.1 and train again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Three classes: softmax + cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Three Gaussian blobs and a softmax output layer trained with cross-entropy (交叉熵). At the output, δ = ŷ − y: the softmax and the cross-entropy derivative simplify to the error itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit a sine curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A 1-D regression: a 1-16-16-1 tanh network learns y = sin(x) from noisy samples with MSE and Adam.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circles with ReLU (TF Playground&apos;s classic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inner disc against outer ring, the TensorFlow Playground favourite: a 2-8-8-1 ReLU network with a sigmoid output and binary cross-entropy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown preset {name!r}; choose one of: {names}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.schedules</name>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the {schedule} schedule has no parameter {key!r}; it takes: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the {schedule} schedule takes no parameters, got {key!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponential decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown learning-rate schedule {name!r}; choose one of: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a learning-rate schedule must be an object such as {{&quot;name&quot;: &quot;cosine&quot;}}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the learning-rate schedule needs a &apos;name&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule parameter {item!r} must look like key=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule parameter {key} must be a number, got {value!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} must be a number, got {value!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} must be between {lo:g} and {hi:g}, got {value!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} must be a whole number, got {value!r}</source>
        <translation>{what} 必须是整数，实际为 {value!r}</translation>
    </message>
</context>
<context>
    <name>model.schema</name>
    <message>
        <source>{n:,} weights and biases with their gradients, optimiser state and copies</source>
        <extracomment>The session file format this program reads and writes. What building and training one session may allocate, in bytes (estimated by :func:`memory_estimate`). Steps and epochs stay below this (the window&apos;s 32-bit counters, and room to train on). Weight layers of a network. Units of one layer (and inputs). Seeds of the lecture&apos;s ``RandomState`` initialiser: 0 … 2³² − 1. Longest name and description text. Values recorded in one history list. Rows of the output view&apos;s grid (2-D inputs: 64 × 64) and curve (1-D inputs). Sub-objects of ``optimizer`` that are not parameters of the optimiser itself, with their check.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one training step: {rows:,} rows × {units:,} units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluating {rows:,} rows through a layer of {w:,} units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data: {rows:,} rows × {cols:,} columns</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the {what} must be an object with a &apos;name&apos;, got {kind}</source>
        <translation>{what} 必须是带有 &apos;name&apos; 的对象，实际为 {kind}</translation>
    </message>
    <message>
        <source>&apos;history&apos; is malformed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;train_biases&apos; must be a list of {n} true/false values, one per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;weight_names&apos; must hold a name for every weight and bias of the network, as W and b lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot save this session: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a UTF-8 text file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not valid JSON (line {line}, column {col}: {reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is nested too deeply to be a session file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.stepview</name>
    <message>
        <source>there is no layer {l}; the network has layers 1 … {L}</source>
        <extracomment>The phase kinds of a step, in order.</extracomment>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer state {key!r} does not match the network&apos;s shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the timeline needs contiguous parameter arrays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {step} is not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {step} is not recorded; the nearest recorded step before it is {near}</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss: {label}, {formula}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   (reported as {label})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backprop Studio trace — {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network {sizes} ({activations}); {samples}, {batch}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer: {label}, γ = {lr:g}{extra}:  {formula}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers rounded to {d} digits after the point; the arithmetic is in full double precision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units are numbered from 1; Wᵢⱼ⁽ˡ⁾ is the weight from unit i of layer l−1 to unit j of layer l (row i, column j of W⁽ˡ⁾).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published names: {legend}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>δ is per sample: the loss sums the samples&apos; losses, so δᵢ = ∂L/∂zᵢ and ∂L/∂W = Σᵢ a_prev,ᵢ δᵢ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>δ is per sample: δᵢ = m·∂L/∂zᵢ ({label} is not a sum of per-sample losses); ∂L/∂W = (1/m) Σᵢ a_prev,ᵢ δᵢ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>δ is per sample, as in the lecture: δᵢ = ∂ℓᵢ/∂zᵢ (ℓᵢ the loss of sample i); ∂L/∂W = (1/m) Σᵢ a_prev,ᵢ δᵢ carries the batch&apos;s 1/m.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the precision must be between 0 and 17 digits, got {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>══ Step {n} </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L = {L}: the loss is not finite; training diverged and the step stops here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported as {label}: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>δ{sup} per sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∂L/∂W = (1/m) Σ over the samples of δ · a_prev (the chain rule per sample);  ∂L/∂b = (1/m) Σ over the samples of δ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {l}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} at the updated weights (whole data set): {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(The published example updates only the weights w1 … w8, not the biases, and reports 0.291027924 after the update; here the biases are updated too, as in the lecture&apos;s code.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(As published, only the weights are updated, not the biases; the published 0.291027924 was computed from rounded intermediate values.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit {n} ({name}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit {n}:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model.trainer</name>
    <message>
        <source>the output layer</source>
        <extracomment>Steps between two checkpoints of the divergence guard on the fast path.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden layer {layer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward: z({layer}) and a({layer}) of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss: compare the prediction with the target</source>
        <translation>损失：比较预测值与真实值</translation>
    </message>
    <message>
        <source>Backward: δ({layer}) of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradients: ∂L/∂W({layer}) and ∂L/∂b({layer})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update: w ← w − γ·∂L/∂w</source>
        <translation>权重更新：w ← w − γ·∂L/∂w</translation>
    </message>
    <message>
        <source>a history must be a list of numbers or a decimated history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a history must hold numbers ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inputs and targets need the same number of rows (≥ 1), got {x} and {y}</source>
        <extracomment>The optimisers whose ``step`` takes ``flat=(params, grads)`` vectors.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data has {cols} input columns but the network has {n} inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data has {cols} target columns but the network has {n} outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data contains a non-finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{loss} is a metric, not a training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the batch size must be at least 1, got {size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a learning-rate schedule is needed, got {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train biases needs one yes/no per layer ({n}), got {flags}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the order must be a shuffled list of the sample indices 0 … {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the batch position must be the start of a batch within the {m} samples, got {pos}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steps, epochs and counts must be at least 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a weight or bias became non-finite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the loss became NaN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the loss became infinite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training diverged at step {step} (epoch {epoch}): {reason}. Try a smaller learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training diverged at step {step} (epoch {epoch}): {reason}; restored the weights of step {restored}. Try a smaller learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
</TS>

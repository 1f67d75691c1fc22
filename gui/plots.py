"""The live plots, one file each: :mod:`gui.loss_plot`, :mod:`gui.output_view`, :mod:`gui.gradient_plot`."""

from gui.gradient_plot import GradientPlot
from gui.loss_plot import LossPlot
from gui.output_view import OutputView

__all__ = ["LossPlot", "OutputView", "GradientPlot"]

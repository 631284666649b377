package com.cpor.benchmarks;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** PNG charts for the report (XChart). */
final class Charts {

    record Series(String name, List<? extends Number> x, List<? extends Number> y, boolean scatter) {
    }

    private Charts() {
    }

    static void save(Path file, String title, String xTitle, String yTitle, boolean logY, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(1000).height(520).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        for (Series data : series) {
            if (data.x().isEmpty()) {
                continue;
            }
            XYSeries added = chart.addSeries(data.name(), data.x(), data.y());
            if (data.scatter()) {
                added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            } else {
                added.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

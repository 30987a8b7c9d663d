import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws the /status latency against the number of live pods, the plugin's and the Go plugin's method, p50 and p99, on
 * a logarithmic time axis, from the CSV that bench/status-scale.sh writes:
 *
 * <pre>
 *   java bench/PlotStatusLatency.java bench/results/status-latency.csv docs/status-latency.png [DATE]
 * </pre>
 *
 * Headless java.awt and ImageIO, no dependencies. DATE (default today, UTC) goes into the title.
 */
public final class PlotStatusLatency {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 460;
    private static final int LEFT = 80;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final double GOAL_MILLIS = 20;
    private static final Color OURS = new Color(0x1f77b4);
    private static final Color GO = new Color(0xd62728);
    private static final Stroke SOLID = new BasicStroke(2.2f);
    private static final Stroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {7f, 5f}, 0f);

    private PlotStatusLatency() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: java bench/PlotStatusLatency.java CSV PNG [DATE]");
        }
        List<Row> rows = Row.read(Path.of(args[0]));
        String date = args.length > 2 ? args[2] : LocalDate.now(ZoneOffset.UTC).toString();
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Axes axes = Axes.of(rows);
        axes.draw(g, rows, date);
        axes.goal(g, GOAL_MILLIS, "goal: p99 < 20 ms at 200 pods");
        axes.line(g, rows, Row::p50, OURS, SOLID);
        axes.line(g, rows, Row::p99, OURS, DASHED);
        axes.line(g, rows, Row::goP50, GO, SOLID);
        axes.line(g, rows, Row::goP99, GO, DASHED);
        legend(g);
        g.dispose();
        Path png = Path.of(args[1]);
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        ImageIO.write(image, "png", png.toFile());
        System.out.println("wrote " + png);
    }

    private static void legend(Graphics2D g) {
        String[] labels = {"plugin /status, p50", "plugin /status, p99", "Go method, p50 (est.)", "Go method, p99 (est.)"};
        Color[] colors = {OURS, OURS, GO, GO};
        Stroke[] strokes = {SOLID, DASHED, SOLID, DASHED};
        int x = WIDTH - RIGHT + 20;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < labels.length; i++) {
            int y = TOP + 20 + i * 22;
            g.setColor(colors[i]);
            g.setStroke(strokes[i]);
            g.drawLine(x, y - 4, x + 30, y - 4);
            g.setColor(Color.BLACK);
            g.drawString(labels[i], x + 38, y);
        }
    }

    /** One line of the CSV: the pods live, and the p50 and p99 of both methods, in milliseconds. */
    record Row(int pods, double p50, double p99, double goP50, double goP99) {

        static List<Row> read(Path csv) throws IOException {
            List<String> lines = Files.readAllLines(csv);
            List<String> header = List.of(lines.get(0).split(","));
            return lines.stream().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(","))
                    .map(cells -> new Row(Integer.parseInt(cells[header.indexOf("pods")]),
                            Double.parseDouble(cells[header.indexOf("p50_ms")]),
                            Double.parseDouble(cells[header.indexOf("p99_ms")]),
                            Double.parseDouble(cells[header.indexOf("go_p50_ms")]),
                            Double.parseDouble(cells[header.indexOf("go_p99_ms")])))
                    .toList();
        }
    }

    /** The plot area: pods on a linear x axis from 0, milliseconds on a log y axis spanning whole decades. */
    record Axes(int maxPods, int lowDecade, int highDecade) {

        static Axes of(List<Row> rows) {
            double low = rows.stream().mapToDouble(Row::p50).min().orElse(1);
            double high = rows.stream().mapToDouble(Row::goP99).max().orElse(1000);
            int maxPods = rows.stream().mapToInt(Row::pods).max().orElse(1);
            return new Axes(maxPods, (int) Math.floor(Math.log10(low)), (int) Math.ceil(Math.log10(high)));
        }

        int x(double pods) {
            return LEFT + (int) Math.round(pods / maxPods * (WIDTH - LEFT - RIGHT));
        }

        int y(double millis) {
            double fraction = (Math.log10(millis) - lowDecade) / (highDecade - lowDecade);
            return HEIGHT - BOTTOM - (int) Math.round(fraction * (HEIGHT - TOP - BOTTOM));
        }

        void draw(Graphics2D g, List<Row> rows, String date) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int decade = lowDecade; decade <= highDecade; decade++) {
                int y = y(Math.pow(10, decade));
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.BLACK);
                String label = decade < 0 ? String.format(Locale.ROOT, "%." + -decade + "f", Math.pow(10, decade))
                        : String.format(Locale.ROOT, "%.0f", Math.pow(10, decade));
                g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
            }
            for (Row row : rows) {
                int x = x(row.pods());
                g.drawLine(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 5);
                String label = String.valueOf(row.pods());
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
            }
            g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
            g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
            String xTitle = "live pods (2 containers each), all in one /status request";
            g.drawString(xTitle, (LEFT + WIDTH - RIGHT - g.getFontMetrics().stringWidth(xTitle)) / 2, HEIGHT - 20);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString("latency of one request (ms, log scale)", -(HEIGHT + 160) / 2, 22);
            rotated.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("/status latency against live pods, " + date, LEFT, TOP - 20);
        }

        /** A thin grey line across the plot at this many milliseconds, labelled. */
        void goal(Graphics2D g, double millis, String label) {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {2f, 3f}, 0f));
            g.drawLine(LEFT, y(millis), WIDTH - RIGHT, y(millis));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(label, LEFT + 6, y(millis) - 4);
            g.setStroke(new BasicStroke(1f));
        }

        void line(Graphics2D g, List<Row> rows, ToDoubleFunction<Row> value, Color color,
                Stroke stroke) {
            g.setColor(color);
            g.setStroke(stroke);
            for (int i = 0; i < rows.size(); i++) {
                int x = x(rows.get(i).pods());
                int y = y(value.applyAsDouble(rows.get(i)));
                g.fillOval(x - 3, y - 3, 7, 7);
                if (i > 0) {
                    g.drawLine(x(rows.get(i - 1).pods()), y(value.applyAsDouble(rows.get(i - 1))), x, y);
                }
            }
            g.setStroke(new BasicStroke(1f));
        }
    }
}

package io.weblog.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A console table of plain-text cells in aligned columns; a cell may be painted after it is padded, so escape
 * sequences never upset the alignment.
 */
final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<List<UnaryOperator<String>>> paints = new ArrayList<>();

    /**
     * @param headers the column titles
     * @param rightAligned which columns hold numbers and are aligned to the right
     */
    TextTable(List<String> headers, boolean... rightAligned) {
        this.headers = List.copyOf(headers);
        this.rightAligned = new boolean[headers.size()];
        System.arraycopy(rightAligned, 0, this.rightAligned, 0, Math.min(rightAligned.length, headers.size()));
    }

    /** Adds a row of plain cells, each painted by the matching operator ({@code null} for none). */
    void add(List<String> cells, List<UnaryOperator<String>> cellPaints) {
        rows.add(List.copyOf(cells));
        paints.add(cellPaints);
    }

    /** The table, each line starting with {@code indent}, the header painted with {@code headerPaint}. */
    String render(String indent, UnaryOperator<String> headerPaint) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = width(headers.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, indent, headers, widths, null, headerPaint);
        for (int r = 0; r < rows.size(); r++) {
            line(out, indent, rows.get(r), widths, paints.get(r), null);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String indent, List<String> cells, int[] widths,
            List<UnaryOperator<String>> cellPaints, UnaryOperator<String> all) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            UnaryOperator<String> paint = cellPaints == null || c >= cellPaints.size() ? all : cellPaints.get(c);
            String painted = paint == null ? cell : paint.apply(cell);
            boolean last = c == cells.size() - 1;
            String padding = last && !rightAligned[c] ? "" : " ".repeat(widths[c] - width(cell));
            String padded = rightAligned[c] ? padding + painted : painted + padding;
            line.append(padded);
            if (c < cells.size() - 1) {
                line.append("  ");
            }
        }
        out.append(line).append('\n');
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}

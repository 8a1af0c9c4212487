package io.istgt.telemetry.replay.render;

/** The report's inline style sheet, SVG patterns and script: no external resource, so it opens offline. */
final class Assets {

    private Assets() {
    }

    static final String CSS = """
            body { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 16px 20px;
                   color: #1d2430; background: #fff; }
            h1 { font-size: 18px; margin: 0 0 2px; font-family: ui-monospace, Menlo, Consolas, monospace; }
            h2 { font-size: 15px; margin: 22px 0 6px; }
            header p { margin: 2px 0; color: #4a5566; }
            svg#report { display: block; max-width: 100%; height: auto; font-size: 11px; }
            .grid { stroke: #e3e7ee; stroke-width: 1; }
            .tick { fill: #5b6678; }
            .lane-label { fill: #1d2430; text-anchor: end; font-family: ui-monospace, Menlo, Consolas, monospace; }
            .lane-bg { fill: #f4f6f9; fill-opacity: 0.6; }
            .seg { stroke: #fff; stroke-width: 0.5; }
            .state-healthy { fill: #2f9e55; background: #2f9e55; }
            .state-degraded { fill: #e8a317; background: #e8a317; }
            .state-offline { fill: #d63b3b; background: #d63b3b; }
            .state-disconnected { fill: #9aa3b2; background: #9aa3b2; }
            .state-unreachable, .seg.hatched { fill: url(#hatch-unreachable);
                   background: repeating-linear-gradient(45deg, #50596a 0 3px, #c9ced8 3px 6px); }
            .state-unknown { fill: #d7dbe3; background: #d7dbe3; }
            .gap { fill: url(#hatch-gap); stroke: #7d8697; stroke-dasharray: 2 2; stroke-width: 0.8; }
            .chart-title { fill: #1d2430; font-weight: 600; }
            .chart-frame { fill: none; stroke: #dde2ea; }
            .y-label { fill: #5b6678; }
            path.series { fill: none; stroke-width: 1.6; stroke-linejoin: round; }
            .bars rect { stroke: none; }
            .c0 { stroke: #2f6fde; fill: #2f6fde; } .c1 { stroke: #e0702a; fill: #e0702a; }
            .c2 { stroke: #b03a8c; fill: #b03a8c; } .c3 { stroke: #2f9e55; fill: #2f9e55; }
            .c4 { stroke: #6b4fd8; fill: #6b4fd8; } .c5 { stroke: #c9372c; fill: #c9372c; }
            .c6 { stroke: #168a8a; fill: #168a8a; } .c7 { stroke: #8a6d16; fill: #8a6d16; }
            path.c0, path.c1, path.c2, path.c3, path.c4, path.c5, path.c6, path.c7 { fill: none; }
            text.legend { stroke: none; font-weight: 600; }
            .alert-band { opacity: 0.12; }
            .sev-critical .alert-band { fill: #d63b3b; } .sev-warning .alert-band { fill: #e8a317; }
            .sev-info .alert-band { fill: #2f6fde; }
            .alert-label { font-weight: 600; }
            .sev-critical .alert-label { fill: #b3261e; } .sev-warning .alert-label { fill: #8a5a00; }
            .sev-info .alert-label { fill: #1f4fa8; }
            .alert-mark { stroke-width: 1.2; }
            .alert-mark.sev-critical { stroke: #d63b3b; } .alert-mark.sev-warning { stroke: #d08a00; }
            .alert-mark.sev-info { stroke: #2f6fde; }
            .alert-mark.state-resolved { stroke-dasharray: 4 3; }
            .crosshair { stroke: #1d2430; stroke-width: 0.8; pointer-events: none; }
            #readout { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: #1d2430;
                   background: #f4f6f9; padding: 4px 8px; margin: 4px 0 0; min-height: 1.4em; white-space: pre-wrap; }
            .legend-states .swatch { display: inline-block; width: 14px; height: 10px; margin: 0 4px 0 10px;
                   vertical-align: middle; border: 1px solid #c0c6d0; }
            .gap-swatch { background: repeating-linear-gradient(45deg, #7d8697 0 2px, #fff 2px 5px); }
            .band-swatch { background: rgba(214, 59, 59, 0.2); }
            table { border-collapse: collapse; font-size: 12px; }
            th, td { text-align: left; padding: 3px 10px 3px 0; vertical-align: top; border-bottom: 1px solid #eef1f5; }
            td:first-child { font-family: ui-monospace, Menlo, Consolas, monospace; white-space: nowrap; }
            tr.event-alert[data-state="FIRING"] td { color: #b3261e; }
            tr.event-alert[data-state="RESOLVED"] td { color: #1e7a43; }
            tr.event-gap td, tr.event-unreachable td { color: #4a5566; font-style: italic; }
            tr.diff-only-rederived td { background: #eef4ff; } tr.diff-only-raised td { background: #fff3e6; }
            """;

    static final String SVG_DEFS = """
            <defs>
            <pattern id="hatch-unreachable" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#c9ced8"/><rect width="3" height="6" fill="#50596a"/></pattern>
            <pattern id="hatch-gap" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(-45)">
            <rect width="5" height="5" fill="#ffffff" fill-opacity="0.55"/><rect width="1.6" height="5" fill="#7d8697"/></pattern>
            </defs>
            """;

    static final String SCRIPT = """
            (function () {
              var svg = document.getElementById('report');
              var data = JSON.parse(document.getElementById('chart-data').textContent);
              var ns = 'http://www.w3.org/2000/svg';
              var line = document.createElementNS(ns, 'line');
              line.setAttribute('id', 'crosshair');
              line.setAttribute('class', 'crosshair');
              line.setAttribute('y1', data.top);
              line.setAttribute('y2', data.bottom);
              line.setAttribute('x1', -10);
              line.setAttribute('x2', -10);
              svg.appendChild(line);
              var readout = document.getElementById('readout');
              svg.addEventListener('mousemove', function (ev) {
                var pt = svg.createSVGPoint();
                pt.x = ev.clientX;
                pt.y = ev.clientY;
                var p = pt.matrixTransform(svg.getScreenCTM().inverse());
                if (p.x < data.left || p.x > data.right) { return; }
                var n = data.labels.length;
                var i = Math.min(n - 1, Math.max(0, Math.floor((p.x - data.left) / (data.right - data.left) * n)));
                line.setAttribute('x1', p.x);
                line.setAttribute('x2', p.x);
                readout.textContent = data.labels[i] + '   ' + data.series.map(function (s) {
                  return s.name + ' ' + (s.values[i] === null ? '-' : s.values[i]);
                }).join('   ');
              });
              document.documentElement.setAttribute('data-lanes', document.querySelectorAll('#lanes .lane').length);
              document.documentElement.setAttribute('data-alert-marks', document.querySelectorAll('.alert-mark').length);
              document.documentElement.setAttribute('data-ready', '1');
            })();
            """;
}

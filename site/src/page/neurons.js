// The neuron graph on the page (issue 19): creates the graph (ui/neuron-graph.js) in its panel, routes the worker's
// `insight` events' `neurons` part to it (site/py/views.py), and links it to the large colour map: the unit that
// is hovered, focused or clicked is shown on the map; Esc in the graph, or a click on the map, shows the prediction
// again.
import { createNeuronGraph } from "../ui/neuron-graph.js";

// The graph's size on the page: tiles of 24 × 12 px, and a column of more than 8 units wraps into side-by-side
// columns of 8, so the default 3→64→32→16→3 net is ~750 × 190 px and fits under the chart and the map, beside the
// code, on one 1280 × 800 screen (tests/e2e/test_neuron_graph.py). In a panel narrower than that (a window under
// ~800 px) the graph runs top to bottom instead, in the panel's width: it never scrolls sideways.
const LAYOUT = { cellPx: 0.8, maxTilesHeight: 150, columnGap: 40, pad: 6, header: 44 };

/**
 * createNeurons({root, message}, {colourMap}) → {show(event), state()}
 * root: the graph's element; message: where a graph that cannot be made says why.
 */
export function createNeurons({ root, message }, { colourMap }) {
  const graph = createNeuronGraph({ root, layout: LAYOUT, onShow: (unit) => colourMap.showUnit(unit) });
  colourMap.onPrediction(() => graph.showPrediction());
  const panel = root.parentElement; // the graph's scroll box: as wide as the panel, whatever the graph's width
  new ResizeObserver((entries) => graph.fit(Math.floor(entries[entries.length - 1].contentRect.width)))
    .observe(panel);
  return {
    /** event: the worker's `insight` event; draws its `neurons` ({description, pixels, numbers}: image indices). */
    show(event) {
      const part = event.neurons;
      if (part) {
        graph.show(part.description, event.images[part.pixels], event.images[part.numbers]);
        message.textContent = "";
      } else if (event.neuronsError) {
        message.textContent = `The graph cannot be drawn: ${event.neuronsError}`;
      }
    },
    /** {tiles, updated, showing, flow}: joined into state().network. */
    state: () => graph.state(),
  };
}

/*
 * Opens GEXF files the way Gephi does, headlessly, with the Gephi Toolkit (Gephi's own engine),
 * and prints what Gephi holds as JSON on stdout, one line per file:
 *   {"file", "ok", "issues": [{"level", "message"}], "nodes", "edges", "directed", "undirected",
 *    "nodeList": [{"id", "label", "x", "y", "size", "color": [r, g, b], "attributes": {...}}],
 *    "edgeList": [{"id", "source", "target", "directed", "weight", "kind", "attributes": {...}}]}
 * Each file is imported into a workspace of its own with Gephi's default processor, as the import
 * dialog does. Used by test/export/programs.test.ts; compiled by test/export-programs/install.sh.
 */
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.graph.api.Table;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

public final class GexfCheck {
  private GexfCheck() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
    ImportController importer = Lookup.getDefault().lookup(ImportController.class);
    GraphController graphs = Lookup.getDefault().lookup(GraphController.class);
    projects.newProject();
    for (String path : args) {
      Workspace workspace = projects.newWorkspace(projects.getCurrentProject());
      projects.openWorkspace(workspace);
      StringBuilder json = new StringBuilder();
      json.append("{\"file\":").append(quote(path));
      Container container = importer.importFile(new File(path));
      if (container == null) {
        out.println(json.append(",\"ok\":false}"));
        continue;
      }
      // The report is read before processing: processing closes it.
      Collection<Issue> issues = container.getReport().getIssuesList(Integer.MAX_VALUE);
      importer.process(container, new DefaultProcessor(), workspace);
      json.append(",\"ok\":true,\"issues\":[");
      boolean first = true;
      for (Issue issue : issues) {
        if (!first) json.append(',');
        first = false;
        json.append("{\"level\":").append(quote(issue.getLevel().toString()));
        json.append(",\"message\":").append(quote(issue.getMessage())).append('}');
      }
      json.append(']');
      GraphModel model = graphs.getGraphModel(workspace);
      Graph graph = model.getGraph();
      int directed = 0;
      for (Edge edge : graph.getEdges()) if (edge.isDirected()) directed++;
      json.append(",\"nodes\":").append(graph.getNodeCount());
      json.append(",\"edges\":").append(graph.getEdgeCount());
      json.append(",\"directed\":").append(directed);
      json.append(",\"undirected\":").append(graph.getEdgeCount() - directed);
      json.append(",\"nodeList\":[");
      first = true;
      for (Node node : graph.getNodes()) {
        if (!first) json.append(',');
        first = false;
        json.append("{\"id\":").append(quote(String.valueOf(node.getId())));
        json.append(",\"label\":").append(quote(node.getLabel()));
        json.append(",\"x\":").append(number(node.x())).append(",\"y\":").append(number(node.y()));
        json.append(",\"size\":").append(number(node.size()));
        json.append(",\"color\":[").append(node.getColor().getRed()).append(',');
        json.append(node.getColor().getGreen()).append(',').append(node.getColor().getBlue()).append(']');
        json.append(",\"attributes\":").append(attributes(node, model.getNodeTable())).append('}');
      }
      json.append("],\"edgeList\":[");
      first = true;
      for (Edge edge : graph.getEdges()) {
        if (!first) json.append(',');
        first = false;
        json.append("{\"id\":").append(quote(String.valueOf(edge.getId())));
        json.append(",\"source\":").append(quote(String.valueOf(edge.getSource().getId())));
        json.append(",\"target\":").append(quote(String.valueOf(edge.getTarget().getId())));
        json.append(",\"directed\":").append(edge.isDirected());
        json.append(",\"weight\":").append(number(edge.getWeight()));
        Object kind = edge.getTypeLabel();
        json.append(",\"kind\":").append(kind == null ? "null" : quote(String.valueOf(kind)));
        json.append(",\"attributes\":").append(attributes(edge, model.getEdgeTable())).append('}');
      }
      json.append("]}");
      out.println(json);
    }
    System.exit(0);
  }

  private static String attributes(Element element, Table table) {
    StringBuilder json = new StringBuilder("{");
    boolean first = true;
    for (Column column : table) {
      if (column.isProperty()) continue;
      Object value = element.getAttribute(column);
      if (value == null) continue;
      if (!first) json.append(',');
      first = false;
      json.append(quote(column.getId())).append(':');
      if (value instanceof Number) json.append(number(((Number) value).doubleValue()));
      else if (value instanceof Boolean) json.append(value);
      else json.append(quote(value.toString()));
    }
    return json.append('}').toString();
  }

  private static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) return "null";
    if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
    return Double.toString(value);
  }

  private static String quote(String text) {
    if (text == null) return "null";
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

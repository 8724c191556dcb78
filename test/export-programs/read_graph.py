"""Opens graph files with networkx and igraph, as a user of those libraries would, and prints what
each holds as one JSON line per file:
  {"file", "library", "format", "ok", "error", "directed", "nodes", "edges",
   "nodeNames": [...], "edgeList": [[source, target, weight, directed], ...]}
Usage: read_graph.py LIBRARY:FORMAT:PATH ... (LIBRARY networkx|igraph, FORMAT gexf|graphml|pajek).
Node names are what the library keys nodes by: the file's ids (GEXF, GraphML; igraph's "id"
attribute) or the Pajek labels (networkx; igraph's "name" attribute). Used by
test/export/programs.test.ts through the virtual environment test/export-programs/install.sh makes.
"""
import json
import sys
import warnings


def read_networkx(fmt, path):
    import networkx as nx

    if fmt == "gexf":
        graph = nx.read_gexf(path)
    elif fmt == "graphml":
        graph = nx.read_graphml(path)
    else:
        graph = nx.read_pajek(path)
    directed = graph.is_directed()
    edges = []
    for source, target, data in graph.edges(data=True):
        weight = data.get("weight")
        edges.append([str(source), str(target), None if weight is None else float(weight), directed])
    return directed, [str(node) for node in graph.nodes()], edges


def read_igraph(fmt, path):
    import igraph

    if fmt == "graphml":
        graph = igraph.Graph.Read_GraphML(path)
    elif fmt == "pajek":
        graph = igraph.Graph.Read_Pajek(path)
    else:
        raise ValueError("igraph has no GEXF reader")
    directed = graph.is_directed()
    # igraph keeps GraphML ids in "id" and Pajek labels in "name".
    key = "id" if fmt == "graphml" else "name"
    names = graph.vs[key] if key in graph.vs.attributes() else [str(v.index) for v in graph.vs]
    names = [str(name) for name in names]
    has_weight = "weight" in graph.es.attributes()
    edges = []
    for edge in graph.es:
        weight = edge["weight"] if has_weight else None
        edges.append([names[edge.source], names[edge.target], None if weight is None else float(weight), directed])
    return directed, names, edges


def main():
    for argument in sys.argv[1:]:
        library, fmt, path = argument.split(":", 2)
        result = {"file": path, "library": library, "format": fmt}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                reader = read_networkx if library == "networkx" else read_igraph
                directed, names, edges = reader(fmt, path)
                result.update(ok=True, directed=directed, nodes=len(names), edges=len(edges),
                              nodeNames=names, edgeList=edges)
            except Exception as error:  # the test reports what the library said
                result.update(ok=False, error=f"{type(error).__name__}: {error}")
        result["warnings"] = [str(warning.message) for warning in caught]
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

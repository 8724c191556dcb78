#!/usr/bin/env python3
"""Times one peer library on a weighted edge list ('# nodes N edges M', then 'u v w' lines).

Usage: peers.py --tool igraph|networkit|networkx --task louvain|leiden|pagerank --edges FILE --seed S
Prints one JSON line: seconds (algorithm only), load_seconds, modularity, communities, nodes,
edges, max_rss_bytes. Modularity is Newman's weighted modularity at resolution 1 in every tool.
"""
import argparse
import json
import random
import resource
import sys
import time


def read_edges(path):
    nodes = 0
    us, vs, ws = [], [], []
    with open(path, encoding="utf8") as handle:
        for line in handle:
            if line.startswith("#"):
                parts = line.split()
                nodes = int(parts[parts.index("nodes") + 1])
                continue
            u, v, w = line.split()
            us.append(int(u))
            vs.append(int(v))
            ws.append(float(w))
    return nodes, us, vs, ws


def run_igraph(task, nodes, us, vs, ws, seed):
    import igraph as ig

    random.seed(seed)
    started = time.perf_counter()
    graph = ig.Graph(n=nodes, edges=list(zip(us, vs)), edge_attrs={"weight": ws})
    load = time.perf_counter() - started
    started = time.perf_counter()
    if task == "louvain":
        clustering = graph.community_multilevel(weights="weight")
        seconds = time.perf_counter() - started
        return seconds, load, {
            "modularity": graph.modularity(clustering.membership, weights="weight"),
            "communities": len(clustering),
        }
    if task == "leiden":
        # Modularity at resolution 1, igraph's default two iterations.
        clustering = graph.community_leiden(objective_function="modularity", weights="weight", n_iterations=2)
        seconds = time.perf_counter() - started
        return seconds, load, {
            "modularity": graph.modularity(clustering.membership, weights="weight"),
            "communities": len(clustering),
            "note": "community_leiden, modularity, 2 iterations",
        }
    graph.pagerank(weights="weight")
    return time.perf_counter() - started, load, {}


def run_networkit(task, nodes, us, vs, ws, seed):
    import networkit as nk

    nk.engineering.setNumberOfThreads(1)
    nk.engineering.setSeed(seed, False)
    started = time.perf_counter()
    graph = nk.Graph(nodes, weighted=True)
    for u, v, w in zip(us, vs, ws):
        graph.addEdge(u, v, w)
    load = time.perf_counter() - started
    if task not in ("louvain", "leiden"):
        raise SystemExit("networkit: only louvain and leiden are benchmarked")
    started = time.perf_counter()
    algorithm = nk.community.PLM(graph) if task == "louvain" else nk.community.ParallelLeiden(graph)
    algorithm.run()
    seconds = time.perf_counter() - started
    partition = algorithm.getPartition()
    return seconds, load, {
        "modularity": nk.community.Modularity().getQuality(partition, graph),
        "communities": partition.numberOfSubsets(),
        "note": "PLM, 1 thread" if task == "louvain" else "ParallelLeiden, 1 thread",
    }


def run_networkx(task, nodes, us, vs, ws, seed):
    import networkx as nx

    started = time.perf_counter()
    graph = nx.Graph()
    graph.add_nodes_from(range(nodes))
    graph.add_weighted_edges_from(zip(us, vs, ws))
    load = time.perf_counter() - started
    if task != "louvain":
        raise SystemExit("networkx: only louvain is benchmarked")
    started = time.perf_counter()
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    seconds = time.perf_counter() - started
    return seconds, load, {
        "modularity": nx.community.modularity(graph, communities, weight="weight"),
        "communities": len(communities),
    }


TOOLS = {"igraph": run_igraph, "networkit": run_networkit, "networkx": run_networkx}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", choices=sorted(TOOLS), required=True)
    parser.add_argument("--task", choices=["louvain", "leiden", "pagerank"], required=True)
    parser.add_argument("--edges", required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    nodes, us, vs, ws = read_edges(args.edges)
    read_seconds = time.perf_counter() - started
    seconds, load, extra = TOOLS[args.tool](args.task, nodes, us, vs, ws, args.seed)
    result = {
        "tool": args.tool,
        "task": args.task,
        "seconds": seconds,
        "load_seconds": read_seconds + load,
        "nodes": nodes,
        "edges": len(us),
        # Linux reports ru_maxrss in KiB.
        "max_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        **extra,
    }
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()

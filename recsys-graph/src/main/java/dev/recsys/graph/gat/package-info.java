/**
 * Graph attention recommender: a heterogeneous graph of listeners, tracks, artists and genres ({@link
 * dev.recsys.graph.gat.HeteroGraph}), a graph attention network trained for link prediction ({@link
 * dev.recsys.graph.gat.GatTrainer}) and the fitted model ({@link dev.recsys.graph.gat.GatModel}) that continues
 * sessions and playlists and explains each result by where its attention went.
 */
package dev.recsys.graph.gat;

package dev.recsys.core.eval.internal;

import dev.recsys.core.model.Interactions;
import java.util.Arrays;

/**
 * The binary user-item matrix of an interaction table in compressed sparse rows, both ways: each user's
 * distinct items and each item's distinct users, sorted ascending. Immutable.
 */
public final class UserItemMatrix {
  private final int numUsers;
  private final int numItems;
  private final int[] userPtr;
  private final int[] userItems;
  private final int[] itemPtr;
  private final int[] itemUsers;

  private UserItemMatrix(int numUsers, int numItems, int[] userPtr, int[] userItems, int[] itemPtr,
      int[] itemUsers) {
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.userPtr = userPtr;
    this.userItems = userItems;
    this.itemPtr = itemPtr;
    this.itemUsers = itemUsers;
  }

  /** The matrix of {@code data} (every row counts as an interaction, weights and skips ignored). */
  public static UserItemMatrix of(Interactions data) {
    int nu = data.users().size();
    int ni = data.items().size();
    long[] pairs = new long[data.size()];
    for (int r = 0; r < pairs.length; r++) {
      pairs[r] = ((long) data.user(r) << 32) | data.item(r);
    }
    Arrays.sort(pairs);
    int m = 0;
    for (int i = 0; i < pairs.length; i++) {
      if (i == 0 || pairs[i] != pairs[i - 1]) {
        pairs[m++] = pairs[i];
      }
    }
    int[] userPtr = new int[nu + 1];
    int[] userItems = new int[m];
    for (int i = 0; i < m; i++) {
      userPtr[(int) (pairs[i] >>> 32) + 1]++;
      userItems[i] = (int) pairs[i];
    }
    for (int u = 0; u < nu; u++) {
      userPtr[u + 1] += userPtr[u];
    }
    return withItemSide(nu, ni, userPtr, userItems);
  }

  /**
   * The matrix with the given user rows, as {@link #userStart}, {@link #userEnd} and {@link #userItems()} return
   * them: how a saved model restores the matrix it was fitted on.
   *
   * @param numItems the number of item columns
   * @param userPtr {@code numUsers + 1} non-decreasing offsets into {@code userItems}, from 0 to its length
   * @param userItems each user's items, strictly ascending within a user, in [0, numItems)
   * @return the matrix (it keeps the arrays)
   * @throws IllegalArgumentException naming the first offset or item that breaks these rules
   */
  public static UserItemMatrix ofRows(int numItems, int[] userPtr, int[] userItems) {
    if (numItems < 0 || userPtr.length == 0 || userPtr[0] != 0 || userPtr[userPtr.length - 1] != userItems.length) {
      throw new IllegalArgumentException("user offsets must run from 0 to " + userItems.length + " over "
          + userPtr.length + " entries; numItems=" + numItems);
    }
    int nu = userPtr.length - 1;
    for (int u = 0; u < nu; u++) {
      if (userPtr[u + 1] < userPtr[u]) {
        throw new IllegalArgumentException("user offsets decrease at user " + u);
      }
      for (int q = userPtr[u]; q < userPtr[u + 1]; q++) {
        int i = userItems[q];
        if (i < 0 || i >= numItems || (q > userPtr[u] && i <= userItems[q - 1])) {
          throw new IllegalArgumentException("item " + i + " of user " + u + " is outside [0, " + numItems
              + ") or not above the previous one");
        }
      }
    }
    return withItemSide(nu, numItems, userPtr, userItems);
  }

  /** Completes user rows (sorted by user, items ascending) with the item columns. */
  private static UserItemMatrix withItemSide(int nu, int ni, int[] userPtr, int[] userItems) {
    int m = userItems.length;
    int[] itemPtr = new int[ni + 1];
    for (int it : userItems) {
      itemPtr[it + 1]++;
    }
    for (int i = 0; i < ni; i++) {
      itemPtr[i + 1] += itemPtr[i];
    }
    int[] fill = Arrays.copyOf(itemPtr, ni);
    int[] itemUsers = new int[m];
    for (int u = 0; u < nu; u++) { // users in order, so each item's users come out sorted
      for (int q = userPtr[u]; q < userPtr[u + 1]; q++) {
        itemUsers[fill[userItems[q]]++] = u;
      }
    }
    return new UserItemMatrix(nu, ni, userPtr, userItems, itemPtr, itemUsers);
  }

  /** The user offsets into {@link #userItems()}, {@code numUsers + 1} entries (shared; do not modify). */
  public int[] userPtr() {
    return userPtr;
  }

  /** Number of user rows. */
  public int numUsers() {
    return numUsers;
  }

  /** Number of item columns. */
  public int numItems() {
    return numItems;
  }

  /** Number of non-zero cells. */
  public int nnz() {
    return userItems.length;
  }

  /** Start of user {@code u}'s items in {@link #userItems()}. */
  public int userStart(int u) {
    return userPtr[u];
  }

  /** End (exclusive) of user {@code u}'s items. */
  public int userEnd(int u) {
    return userPtr[u + 1];
  }

  /** Number of items of user {@code u}. */
  public int userDegree(int u) {
    return userPtr[u + 1] - userPtr[u];
  }

  /** Start of item {@code i}'s users in {@link #itemUsers()}. */
  public int itemStart(int i) {
    return itemPtr[i];
  }

  /** End (exclusive) of item {@code i}'s users. */
  public int itemEnd(int i) {
    return itemPtr[i + 1];
  }

  /** Number of users of item {@code i}. */
  public int itemDegree(int i) {
    return itemPtr[i + 1] - itemPtr[i];
  }

  /** The concatenated item lists of all users (shared; do not modify). */
  public int[] userItems() {
    return userItems;
  }

  /** The concatenated user lists of all items (shared; do not modify). */
  public int[] itemUsers() {
    return itemUsers;
  }

  /** A copy of user {@code u}'s sorted items. */
  public int[] itemsOf(int u) {
    return Arrays.copyOfRange(userItems, userPtr[u], userPtr[u + 1]);
  }

  /** Whether user {@code u} has item {@code i}. */
  public boolean has(int u, int i) {
    return Arrays.binarySearch(userItems, userPtr[u], userPtr[u + 1], i) >= 0;
  }
}

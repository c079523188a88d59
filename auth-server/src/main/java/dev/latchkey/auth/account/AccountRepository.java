package dev.latchkey.auth.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface AccountRepository extends ListCrudRepository<Account, UUID> {

	@Query("SELECT * FROM account WHERE (:pattern = '' OR email ILIKE :pattern ESCAPE '\\' "
			+ "OR display_name ILIKE :pattern ESCAPE '\\') ORDER BY email LIMIT :limit OFFSET :offset")
	List<Account> search(String pattern, int limit, long offset);

	@Query("SELECT * FROM account WHERE lower(email) = lower(:email)")
	Optional<Account> findByEmail(String email);

	@Query("SELECT id FROM account WHERE lower(email) = lower(:email) AND enabled")
	Optional<UUID> findEnabledIdByEmail(String email);

}
